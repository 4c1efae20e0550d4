using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>
/// Endpoint groups: local subnets (type subnet) or peer CIDRs (type cidr); only name and description change, and
/// nothing sorts them.
/// </summary>
internal sealed class VpnEndpointGroupKind : ResourceKind
{
    public VpnEndpointGroupKind()
        : base(Collections.EndpointGroups, "endpoint_group", "endpoint_groups", true, AttributeMap(),
            VpnValues.Filters("endpoint_type=type"))
    {
    }

    public override NeutronError NotFound(string id) => IpsecSiteConnectionRules.GroupNotFound(id);

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var type = (string)request["type"]!;
        var endpoints = (JArray)request["endpoints"]!;
        if (endpoints.Count == 0)
        {
            throw NeutronError.Typed(400, "MissingEndpointForEndpointGroup",
                $"No endpoints specified for endpoint group '{PythonText.Repr(request)}'");
        }

        foreach (var endpoint in endpoints)
        {
            var text = PythonText.Str(endpoint);
            if (type == "cidr" && (endpoint.Type != JTokenType.String || IpText.SubnetProblem(text) != null))
            {
                throw Invalid(text, type, "Invalid CIDR");
            }

            if (type == "subnet")
            {
                if (!FieldRules.IsUuidLike(endpoint))
                {
                    throw Invalid(text, type, "Invalid UUID");
                }

                if (state.Store.Find(Collections.Subnets, text) is not { } subnet || !context.CanSee(subnet))
                {
                    throw NeutronError.Typed(400, "NonExistingSubnetInEndpointGroup",
                        $"Subnet {text} in endpoint group does not exist");
                }
            }
        }

        // The lab's release has no uniqueness check: the database refuses the duplicate row.
        if (endpoints.Select(PythonText.Str).Distinct().Count() != endpoints.Count)
        {
            throw NeutronError.Internal();
        }

        return new JObject
        {
            ["id"] = id,
            ["tenant_id"] = request["tenant_id"],
            ["name"] = request["name"],
            ["description"] = request["description"],
            ["type"] = type,
            ["endpoints"] = endpoints,
            ["project_id"] = request["project_id"],
        };
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context) =>
        Assign(row.Data, changes);

    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        if (state.Store.All(Collections.Connections)
            .Any(c => c.Text("local_ep_group_id") == row.Id || c.Text("peer_ep_group_id") == row.Id))
        {
            // A BadRequest, not a Conflict, in neutron-lib.
            throw NeutronError.Typed(400, "EndpointGroupInUse",
                $"Endpoint group {row.Id} is in use and cannot be deleted");
        }
    }

    private static NeutronError Invalid(string endpoint, string type, string why) =>
        NeutronError.Typed(400, "InvalidEndpointInEndpointGroup",
            $"Endpoint '{endpoint}' is invalid for group type '{type}': {why}");

    private static IEnumerable<AttributeSpec> AttributeMap() => Attr.Head(sortable: false)
        .Concat(new[]
        {
            new AttributeSpec("type") { AllowPut = false, Validate = FieldRules.Values(VpnValues.EndpointGroupTypes) },
            new AttributeSpec("endpoints") { AllowPut = false, Default = new JArray(), Convert = Converters.ToList },
        });
}
