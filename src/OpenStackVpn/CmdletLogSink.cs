using System.Collections.Concurrent;
using System.Management.Automation;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn;

/// <summary>
/// Collects Core's diagnostics from any thread and writes them to the Verbose, Debug and Warning streams
/// on the pipeline thread, the only thread PowerShell lets write.
/// </summary>
internal sealed class CmdletLogSink : ILogSink
{
    private readonly ConcurrentQueue<(char Stream, string Text)> _queue = new();
    private bool _unprompted; // set at the first line written: Inquire (from -Debug) turned into Continue

    public CmdletLogSink(bool debugEnabled)
    {
        IsDebugEnabled = debugEnabled;
    }

    /// <summary>True when the cmdlet runs with -Debug or a DebugPreference that shows debug messages.</summary>
    public bool IsDebugEnabled { get; }

    /// <summary>True when nothing waits to be written.</summary>
    public bool IsEmpty => _queue.IsEmpty;

    public void Verbose(string message) => _queue.Enqueue(('V', message));

    public void Debug(string message) => _queue.Enqueue(('D', message));

    public void Warning(string message) => _queue.Enqueue(('W', message));

    public void Flush(Cmdlet cmdlet)
    {
        while (_queue.TryDequeue(out var line))
        {
            if (!_unprompted)
            {
                UnpromptedStreams.Apply(cmdlet);
                _unprompted = true;
            }

            switch (line.Stream)
            {
                case 'V':
                    cmdlet.WriteVerbose(line.Text);
                    break;
                case 'D':
                    cmdlet.WriteDebug(line.Text);
                    break;
                default:
                    cmdlet.WriteWarning(line.Text);
                    break;
            }
        }
    }
}
