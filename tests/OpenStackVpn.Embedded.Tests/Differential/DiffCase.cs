using System;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>How much of a successful answer must agree.</summary>
public enum Agreement
{
    /// <summary>Keys in order and values (ids, hosts and volatile fields normalised).</summary>
    Values,

    /// <summary>Keys in order, all the way down; values may differ (other users, ids, addresses).</summary>
    Keys,

    /// <summary>The top-level keys and each listed item's keys; the number of items may differ.</summary>
    ItemKeys,
}

/// <summary>One request of the catalogue, and what its answer is compared with.</summary>
public sealed record DiffCase(string Name, string Method, string Path, string User = "member")
{
    /// <summary>The request body, with &lt;markers&gt; for ids; null sends none.</summary>
    public string? Body { get; init; }

    /// <summary>The fixture (Fixtures/NAME.json, status from INDEX.tsv) that is the expected answer without a lab.</summary>
    public string? Fixture { get; init; }

    /// <summary>The expected status, type and message as observed on the lab, for requests without a fixture.</summary>
    public (int Status, string Type, string Message)? Observed { get; init; }

    public Agreement Agreement { get; init; } = Agreement.Values;

    /// <summary>The marker a created object's id is saved under (and the object deleted at the end).</summary>
    public string? Capture { get; init; }

    /// <summary>What to do first on each backend (e.g. force a status); false when that backend cannot, and the case is skipped.</summary>
    public Func<Backend, Workspace, bool>? Before { get; init; }

    /// <summary>How, exactly, and why the embedded cloud answers differently from the lab and its fixtures, on purpose.</summary>
    public Known? KnownDifference { get; init; }

    /// <summary>How, exactly, and why the embedded cloud answers differently from this lab only (not from the fixtures).</summary>
    public Known? LabDifference { get; init; }

    /// <summary>Why this request is not sent to the lab (it is then judged against <see cref="Observed"/>).</summary>
    public string? NotOnTheLab { get; init; }
}

/// <summary>
/// A difference kept on purpose: why, and exactly the differences it shows (as <see cref="Normalise.Differences"/> words
/// them: field, expected and answered value). The case fails when these no longer show, or when any other does.
/// </summary>
public sealed record Known(string Why, params string[] Differences)
{
    /// <summary>Whether a difference is one of these; in them &lt;number&gt; stands for any digits (a value that changes per run).</summary>
    public static bool Covers(string difference, string known) =>
        System.Text.RegularExpressions.Regex.IsMatch(difference, "^" + System.Text.RegularExpressions.Regex.Escape(known).Replace("<number>", "[0-9]+") + "$");
}
