using System.Globalization;
using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The progress bar of a list that spans pages: shown once a page read has a next one, with the
/// pages fetched so far.</summary>
internal sealed class ListProgress
{
    private const int ActivityId = 0x4F53;   // one bar per cmdlet; any fixed id will do
    private readonly string _activity;
    private int _shownPages;

    public ListProgress(string activity) => _activity = activity;

    /// <summary>Shows the pages read so far when that number changed; a list whose first page is
    /// its last shows no bar.</summary>
    public void Update(Cmdlet cmdlet, int pages, bool more, int objects)
    {
        if (pages != _shownPages && (more || pages > 1))
        {
            _shownPages = pages;
            Write(cmdlet, pages, objects, done: false);
        }
    }

    /// <summary>Closes the bar of a list that spanned pages.</summary>
    public void Done(Cmdlet cmdlet, int pages, int objects)
    {
        if (_shownPages > 0 || pages > 1)
        {
            Write(cmdlet, pages, objects, done: true);
        }
    }

    private void Write(Cmdlet cmdlet, int pages, int objects, bool done)
    {
        var status = string.Format(CultureInfo.InvariantCulture, "{0} page{1} fetched, {2} object{3}", pages,
            pages == 1 ? "" : "s", objects, objects == 1 ? "" : "s");
        cmdlet.WriteProgress(
            new ProgressRecord(ActivityId, _activity,
            status) { RecordType = done ? ProgressRecordType.Completed : ProgressRecordType.Processing });
    }
}
