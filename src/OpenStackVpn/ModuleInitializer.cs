using System.Management.Automation;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn;

/// <summary>Runs when the module is imported: on .NET Framework (Windows PowerShell 5.1), makes
/// sure TLS 1.2 is offered.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <inheritdoc/>
    public void OnImport() => TlsProtocols.EnableModern();
}
