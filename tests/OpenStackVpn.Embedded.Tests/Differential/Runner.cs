using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>Replays the catalogue on one backend, in order, inside a workspace that is always torn down.</summary>
public static class Runner
{
    /// <summary>Each case's answer, or null when the backend could not prepare it (the case is then skipped); and the
    /// workspace's markers (name to id), which name this backend's ids in its answers.</summary>
    public static async Task<(Dictionary<string, Reply?> Answers, IReadOnlyDictionary<string, string> Markers)> RunAsync(Backend backend, string prefix)
    {
        var answers = new Dictionary<string, Reply?>();
        var space = await Workspace.CreateAsync(backend, prefix);
        try
        {
            foreach (var test in Catalogue.Cases)
            {
                if ((backend.IsLab && test.NotOnTheLab != null) || (test.Before != null && !test.Before(backend, space)))
                {
                    answers[test.Name] = null;
                    continue;
                }

                var path = space.Expand(test.Path);
                var reply = await backend.SendAsync(test.Method, path, Body(test, space), test.User);
                answers[test.Name] = reply;
                if (test.Method == "POST" && reply.Status == 201 && reply.Json is JObject created && created.Properties().FirstOrDefault()?.Value["id"] is { } id)
                {
                    if (test.Capture != null)
                    {
                        space.Markers[test.Capture] = (string)id!;
                    }

                    space.Track(path.Split('?')[0], (string)id!);
                }
            }
        }
        finally
        {
            await space.TearDownAsync();
        }

        return (answers, space.Markers);
    }

    /// <summary>The body with markers resolved; on the lab a created object's name gets the workspace prefix.</summary>
    private static string? Body(DiffCase test, Workspace space)
    {
        if (test.Body == null)
        {
            return null;
        }

        var body = space.Expand(test.Body);
        if (space.Prefix.Length == 0 || test.Method != "POST")
        {
            return body;
        }

        try
        {
            if (Reply.ParseJson(body) is JObject { Count: 1 } wrapper && wrapper.Properties().First().Value is JObject fields && fields["name"]?.Type == JTokenType.String)
            {
                fields["name"] = space.Prefix + (string)fields["name"]!;
                return wrapper.ToString(Formatting.None);
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}
