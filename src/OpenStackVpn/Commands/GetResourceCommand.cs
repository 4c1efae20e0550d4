using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>The Get- cmdlet of any VPNaaS resource: by id, or a list by name (wildcards), filters
/// and sort, page by page.</summary>
public abstract class GetResourceCommand<T> : ResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The id of the object to show; several ids, or objects from the
    /// pipeline, show each.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string[] Id { get; set; } = null!;

    /// <summary><para type="description">The names to list; wildcards are allowed. A name without wildcards that
    /// matches nothing is an error.</para></summary>
    [Parameter(ParameterSetName = "List", Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public string[]? Name { get; set; }

    /// <summary><para type="description">Any other filter, as column = value (or values); Neutron's column names, e.g.
    /// @{ mtu = 1400; dpd_action = 'hold' }.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNull]
    public Hashtable? Filter { get; set; }

    /// <summary><para type="description">Sort keys, each as key, key:asc or key:desc.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    public string[]? Sort { get; set; }

    /// <summary><para type="description">Objects per request; the list still returns every object, a
    /// page at a time.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateRange(1, int.MaxValue)]
    public int? PageSize { get; set; }

    /// <summary><para type="description">Return only these fields (and the id), by property
    /// or JSON name.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }


    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        List<string>? fields = null;
        try
        {
            fields = Property?.Select(Kind.FieldName).ToList();
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }

        if (ParameterSetName == "Id")
        {
            foreach (var id in Id)
            {
                try
                {
                    WriteResource(Await(cancel => ResourceClient.GetAsync(session, Kind, id, fields, Log, cancel)));
                }
                catch (OpenStackException e)
                {
                    WriteError(ToErrorRecord(e));
                }
            }

            return;
        }

        List(session, fields);
    }

    private void List(OpenStackSession session, List<string>? fields)
    {
        var query = new ListQuery { PageSize = PageSize };
        WildcardPattern[]? patterns = null;
        try
        {
            fields?.ForEach(query.Fields.Add);
            if (Name != null && Name.Any(WildcardPattern.ContainsWildcardCharacters))
            {
                patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
                if (fields != null)
                {
                    query.Fields.Add("name");
                }
            }
            else
            {
                foreach (var name in Name ?? Enumerable.Empty<string>())
                {
                    query.Where("name", name);
                }
            }

            AddFieldFilters(session, query);
            foreach (DictionaryEntry entry in Filter ?? new Hashtable())
            {
                foreach (var value in Values(entry.Value))
                {
                    query.Where(entry.Key.ToString(), value);
                }
            }

            foreach (var sort in Sort ?? Enumerable.Empty<string>())
            {
                query.SortBy(sort);
            }

            query.Validate(Kind);
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(FieldParameters.Retell(GetType(), e)));
        }

        var found = new HashSet<string>();
        try
        {
            WriteList(session, Kind, query, new ListProgress($"Listing {Kind.DisplayPlural}"), item =>
            {
                if (patterns == null || patterns.Any(p => p.IsMatch(item.Name ?? "")))
                {
                    if (Name != null)
                    {
                        found.Add(item.Name ?? "");
                    }

                    WriteResource(item);
                }
            });
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }

        foreach (
            var name in (Name ?? Enumerable.Empty<string>()).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)
            && !found.Contains(n)))
        {
            WriteError(
                ToErrorRecord(
                new OpenStackException(OpenStackErrorKind.NotFound,
                $"No {Kind.DisplayName} named '{name}' was found.") { Target = name }));
        }
    }

    // Each [Field] parameter given filters on its field, as the description names the filter: a reference by id
    // (an object or a name is looked up first), an allowed value in Neutron's spelling.
    private void AddFieldFilters(OpenStackSession session, ListQuery query)
    {
        var values = FieldParameters.Values(this);
        foreach (var path in values.Fields)
        {
            var field = Kind.Field(path);
            var value = values[path];
            var text = field.RefersTo == null
                ? (value is string given && field.AllowedSpelling(given) is { } spelled ? spelled
                    : Values(value).First())
                : value is string id && System.Guid.TryParse(id, out _)
                    ? id
                    : Await(cancel
                        => ResourceClient.ResolveReferenceAsync(session, field.RefersTo, value, path, Log, cancel)).Id;
            query.Where(field.FilterKey ?? path, text);
        }
    }

    private static IEnumerable<string> Values(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        if (value is IEnumerable list and not string)
        {
            return list.Cast<object?>().SelectMany(Values);
        }

        return new[] { value is bool b ? (b ? "true" : "false")
            : System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
    }
}
