using System;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates a VPN endpoint group: local subnets (type subnet) or peer CIDRs (type cidr).</para>
/// <para type="description">Endpoints cannot change later: to change them, create a new group, point the connection at
/// it, and remove the old one.</para>
/// </summary>
/// <example>
/// <code>
/// New-VpnEndpointGroup -Name example-peers -Type cidr -Endpoint 10.62.0.0/24, 10.63.0.0/24</code>
/// <para>Creates a peer group of two CIDRs.</para>
/// </example>
/// <example>
/// <code>
/// New-VpnEndpointGroup -Name example-locals -Type subnet -Endpoint private-subnet</code>
/// <para>Creates a local group of one subnet, named by its name (an id or a subnet object works too).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "VpnEndpointGroup", SupportsShouldProcess = true)]
[OutputType(typeof(VpnEndpointGroup))]
public sealed class NewVpnEndpointGroupCommand : WriteResourceCommand<VpnEndpointGroup>
{
    /// <summary><para type="description">subnet for local groups, cidr for peer groups.</para></summary>
    [Parameter(Mandatory = true)]
    [AllowedValues(typeof(VpnEndpointGroup), "type")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("type")]
    public string Type { get; set; } = null!;

    /// <summary><para type="description">The subnets (type subnet: objects, ids or unique names) or the
    /// CIDRs (type cidr).</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [AllowEmptyCollection]
    [Field("endpoints")]
    [ReferenceCompletion]
    public object[] Endpoint { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        // A subnet group lists subnet ids: each subnet is resolved like any other reference (a shared name is refused,
        // with the candidates), before the group's rules run, so a subnet given by name and by id
        // is still caught as given twice.
        if (string.Equals(Type, "subnet", StringComparison.OrdinalIgnoreCase))
        {
            var session = RequireSession();
            try
            {
                Endpoint =
                    Endpoint.Select(e
                    => (object)Resolve(session, VpnResources.Subnet, e, "-" + nameof(Endpoint)).Id).ToArray();
            }
            catch (OpenStackException e)
            {
                ThrowTerminatingError(ToErrorRecord(FieldParameters.Retell(GetType(), e)));
            }
        }

        Create();
    }
}
