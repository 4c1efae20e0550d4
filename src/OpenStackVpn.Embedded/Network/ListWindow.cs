using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// The rows a list request can need, so that a page of a large collection does not build the view of every row: when
/// the request neither filters nor sorts, a forward page needs only its marker's row and the <c>limit</c> visible rows
/// after it. Any other request gets every visible row, and <see cref="Paging"/> slices the views as before; the
/// answer is the same either way.
/// </summary>
internal static class ListWindow
{
    public static IEnumerable<StoredObject> Rows(IReadOnlyList<StoredObject> rows, ListRequest request,
        Func<StoredObject, bool> visible)
    {
        if (request.Filters.Count > 0 || request.Sorts.Count > 0 || request.PageReverse
            || request.Limit is not { } limit)
        {
            return rows.Where(visible);
        }

        if (request.Marker == null)
        {
            return rows.Where(visible).Take(limit);
        }

        var at = -1;
        for (var i = 0; i < rows.Count && at < 0; i++)
        {
            at = rows[i].Id == request.Marker ? i : -1;
        }

        // An unknown marker finds nothing; a marker the caller may not see is not in the
        // window, and Paging finds nothing too.
        return at < 0 ? Enumerable.Empty<StoredObject>() : rows.Skip(at).Where(visible).Take(limit + 1);
    }
}
