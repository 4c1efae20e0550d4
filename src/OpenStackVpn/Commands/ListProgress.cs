using System.Globalization;
using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The progress bar of a list that spans pages: shown from the first page that has a next, with the pages fetched so far.</summary>
internal sealed class ListProgress
{
    private const int ActivityId = 0x4F53;   // one bar per cmdlet; any fixed id will do
    private readonly string _activity;
    private int _pages;

    public ListProgress(string activity) => _activity = activity;

    /// <summary>Counts one page; a one-page list shows no bar at all.</summary>
    public void Page(Cmdlet cmdlet, int objects, bool done)
    {
        _pages++;
        if (done && _pages == 1)
        {
            return;
        }

        var status = string.Format(CultureInfo.InvariantCulture, "{0} page{1} fetched, {2} object{3}", _pages, _pages == 1 ? "" : "s", objects, objects == 1 ? "" : "s");
        cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, status) { RecordType = done ? ProgressRecordType.Completed : ProgressRecordType.Processing });
    }
}
