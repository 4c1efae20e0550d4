using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>A resource the embedded cloud only seeds and shows (networks, subnets, routers): writes are refused with 405.</summary>
internal abstract class ReadOnlyResourceType : ResourceType
{
    protected ReadOnlyResourceType(string collection, string singular, string plural, IEnumerable<AttributeSpec> attributes, IDictionary<string, string> filterColumns)
        : base(collection, singular, plural, false, attributes, filterColumns)
    {
    }

    public override bool Writable => false;

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context) => throw NeutronError.MethodNotAllowed();

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context) => throw NeutronError.MethodNotAllowed();

    public override void CheckDelete(StoredObject row, NetworkState state) => throw NeutronError.MethodNotAllowed();
}
