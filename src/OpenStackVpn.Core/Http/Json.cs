using System.Globalization;
using Newtonsoft.Json;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// The one serializer the module converts models with. Never <c>JsonSerializer.CreateDefault()</c>, nor the
/// parameterless <c>ToObject</c>/<c>FromObject</c> that call it: they apply <c>JsonConvert.DefaultSettings</c>, which
/// any other module in the same process (one AppDomain in Windows PowerShell) may have set.
/// </summary>
internal static class Json
{
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(new JsonSerializerSettings
    {
        Culture = CultureInfo.InvariantCulture,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Include,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 64,
    });
}
