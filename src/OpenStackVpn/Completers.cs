using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenStackVpn;

/// <summary>
/// Tab completion from a list of known values. The lists are hints, not rules: clouds of different releases
/// accept different algorithms and groups, so the server has the last word.
/// </summary>
public abstract class ValueCompleter : IArgumentCompleter
{
    /// <summary>The values offered.</summary>
    protected abstract IEnumerable<string> Values { get; }

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return Values
            .Where(v => v.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }
}

/// <summary>Integrity algorithms.</summary>
public sealed class AuthAlgorithmCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { "sha256", "sha384", "sha512", "sha1", "aes-xcbc", "aes-cmac" };
}

/// <summary>Encryption algorithms.</summary>
public sealed class EncryptionAlgorithmCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values =>
        new[] { "aes-128", "aes-192", "aes-256", "3des" }
            .Concat(new[] { "128", "192", "256" }.Select(bits => $"aes-{bits}-ctr"))
            .Concat(from mode in new[] { "ccm", "gcm" } from bits in new[] { "128", "192", "256" } from icv in new[] { "8", "12", "16" } select $"aes-{bits}-{mode}-{icv}");
}

/// <summary>Diffie-Hellman groups for PFS.</summary>
public sealed class PfsCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { 2, 5 }.Concat(Enumerable.Range(14, 18)).Select(g => "group" + g);
}

/// <summary>IKE phase 1 modes.</summary>
public sealed class Phase1ModeCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { "main", "aggressive" };
}

/// <summary>IKE versions.</summary>
public sealed class IkeVersionCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { "v1", "v2" };
}

/// <summary>IPsec transform protocols.</summary>
public sealed class TransformProtocolCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { "esp", "ah", "ah-esp" };
}

/// <summary>IPsec encapsulation modes.</summary>
public sealed class EncapsulationModeCompleter : ValueCompleter
{
    /// <inheritdoc/>
    protected override IEnumerable<string> Values => new[] { "tunnel", "transport" };
}
