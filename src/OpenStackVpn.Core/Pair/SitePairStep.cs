namespace OpenStackVpn.Core.Pair;

/// <summary>One object a site pair will make: on which end, what, and why (as -WhatIf shows it).</summary>
public sealed class SitePairStep
{
    internal SitePairStep(SitePairEnd end, string kind, string name, string detail)
    {
        End = end;
        Kind = kind;
        Name = name;
        Detail = detail;
    }

    /// <summary>The end it is made on.</summary>
    public SitePairEnd End { get; }

    /// <summary>What it is, e.g. "IKE policy".</summary>
    public string Kind { get; }

    /// <summary>Its name.</summary>
    public string Name { get; }

    /// <summary>Its settings, in a few words (never the key).</summary>
    public string Detail { get; }

    /// <summary>"IKE policy 'p-ike' on the local end (project admin at ...)".</summary>
    public string Target => $"{Kind} '{Name}' on {End.Label}";
}
