using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// Reads Neutron's answers: one object, or a list page object by object, token by token from the response stream as
/// it arrives (no body held whole as text or as a JSON tree); the answer to a write; the next link of a list; and
/// what is wrong with a body that is not what Neutron sends.
/// </summary>
internal static class ResponseReader
{
    /// <summary>The object under <paramref name="key"/>, e.g. {"ipsec_site_connection": {...}}.</summary>
    public static T ReadObject<T>(ApiResponse response, string key)
    {
        var serializer = Json.Serializer;
        return Read(response, json =>
        {
            var found = default(T);
            var seen = false;
            ForEachProperty(response, json, name =>
            {
                if (name == key && json.TokenType == JsonToken.StartObject)
                {
                    found = Deserialize<T>(serializer, json, response);
                    seen = true;
                }
                else
                {
                    json.Skip();
                }
            });
            return seen ? found! : throw Malformed(response, $"no '{key}' object");
        });
    }

    /// <summary>The object under <paramref name="key"/> in the answer to a write, whose body was read whole.</summary>
    public static T ReadAnswer<T>(ApiResponse response, string key)
    {
        JObject body;
        try
        {
            body = JToken.Parse(response.Body) as JObject ?? throw Malformed(response, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw Malformed(response, "not JSON: " + e.Message);
        }

        return ToModel<T>(body[key] as JObject ?? throw Malformed(response, $"no '{key}' object"), response);
    }

    /// <summary>
    /// Hands each object of a list page that matches the query's filters to <paramref name="each"/> as soon as it is
    /// read, and returns the query string of the next page (null on the last).
    /// </summary>
    public static string? ReadPage<T>(
        ApiResponse response, ResourceKind<T> kind, ListQuery query, string currentQuery, Action<T> each)
        where T : NeutronResource
    {
        var serializer = Json.Serializer;
        var linksKey = kind.Plural + "_links";
        var filtered = query.Filters.Count > 0;
        return Read(response, json =>
        {
            var listed = -1;
            JArray? links = null;
            ForEachProperty(response, json, name =>
            {
                if (name == kind.Plural && json.TokenType == JsonToken.StartArray)
                {
                    listed = 0;
                    while (json.Read() && json.TokenType != JsonToken.EndArray)
                    {
                        if (json.TokenType != JsonToken.StartObject)
                        {
                            json.Skip();
                            continue;
                        }

                        listed++;
                        if (!filtered)
                        {
                            each(Deserialize<T>(serializer, json, response));
                            continue;
                        }

                        // A filter the server ignored must never widen the result: check the object as sent.
                        var item = JObject.Load(json);
                        if (query.Matches(item, kind))
                        {
                            each(ToModel<T>(item, response));
                        }
                    }
                }
                else if (name == linksKey && json.TokenType == JsonToken.StartArray)
                {
                    links = JArray.Load(json);
                }
                else
                {
                    json.Skip();
                }
            });
            if (listed < 0)
            {
                throw Malformed(response, $"no '{kind.Plural}' list");
            }

            return listed == 0 ? null : NextQuery(links, currentQuery);
        });
    }

    /// <summary>
    /// The query string of the rel=next link; the link's own host is not trusted (it may be an internal name behind a
    /// proxy).
    /// </summary>
    internal static string? NextQuery(JArray? links, string currentQuery)
    {
        var href = links?.OfType<JObject>()
            .FirstOrDefault(l => l.Value<string>("rel") == "next")?.Value<string>("href");
        if (href == null)
        {
            return null;
        }

        var at = href.IndexOf('?');
        var next = at < 0 ? "" : href.Substring(at + 1);
        return next.Length == 0 || next == currentQuery ? null : next;
    }

    /// <summary>
    /// Remembers the page a next link leads to, and refuses one already read: links that go round in a circle.
    /// </summary>
    internal static void CheckNextIsNew(ISet<string> read, string? next, string plural)
    {
        if (next != null && !read.Add(next))
        {
            throw new OpenStackException(
                OpenStackErrorKind.InvalidResponse,
                $"The server's next links for {plural} go round in a circle: the page '?{next}' was already read, "
                    + "so the list stops here.");
        }
    }

    private static TResult Read<TResult>(ApiResponse response, Func<JsonTextReader, TResult> read)
    {
        using TextReader text = response.Content != null
            ? new StreamReader(response.Content, new UTF8Encoding(false), true, 65536)
            : new StringReader(response.Body);
        using var json = new JsonTextReader(text) { CloseInput = false };
        try
        {
            if (!json.Read() || json.TokenType != JsonToken.StartObject)
            {
                throw Malformed(response, "not a JSON object");
            }

            return read(json);
        }
        catch (JsonReaderException e)
        {
            throw Malformed(response, "not JSON: " + e.Message);
        }
    }

    private static void ForEachProperty(ApiResponse response, JsonTextReader json, Action<string> onValue)
    {
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            var name = (string)json.Value!;
            if (!json.Read())
            {
                throw Malformed(response, "not JSON: it ends after '" + name + "'");
            }

            onValue(name);
        }

        if (json.TokenType != JsonToken.EndObject)
        {
            throw Malformed(response, "not JSON: the top object is not closed");
        }
    }

    private static T Deserialize<T>(JsonSerializer serializer, JsonReader json, ApiResponse response)
    {
        try
        {
            return serializer.Deserialize<T>(json) ?? throw Malformed(response, "an empty object");
        }
        catch (JsonSerializationException e)
        {
            throw Malformed(response, "a field of the wrong type: " + e.Message);
        }
        catch (JsonReaderException e) when (IsConversion(e))
        {
            throw Malformed(response, "a field of the wrong type: " + e.Message);
        }
    }

    // Read straight into the model, a value the model cannot take fails in the reader too; the rest is broken JSON.
    private static bool IsConversion(JsonReaderException e) =>
        e.Message.StartsWith("Could not convert", StringComparison.Ordinal) ||
        e.Message.StartsWith("Error reading", StringComparison.Ordinal) ||
        e.Message.StartsWith("Unexpected token", StringComparison.Ordinal);

    // The one way an object already parsed becomes its model: a value the model cannot take is a malformed answer.
    private static T ToModel<T>(JObject item, ApiResponse response)
    {
        try
        {
            return item.ToObject<T>(Json.Serializer) ?? throw Malformed(response, "an empty object");
        }
        catch (JsonException e)
        {
            throw Malformed(response, "a field of the wrong type: " + e.Message);
        }
    }

    /// <summary>
    /// An answer whose body is not what Neutron sends, as an InvalidResponse error with the status and request id.
    /// </summary>
    internal static OpenStackException Malformed(ApiResponse response, string what) =>
        new(
            OpenStackErrorKind.InvalidResponse,
            $"{response.Request} answered {(int)response.Status} with a body that is {what}"
                + $"{(response.RequestId == null ? "" : $" (request {response.RequestId})")}.")
        {
            StatusCode = response.Status,
            RequestId = response.RequestId,
            Request = response.Request,
        };
}
