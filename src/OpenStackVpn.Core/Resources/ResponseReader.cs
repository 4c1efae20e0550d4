using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// Reads Neutron's answers token by token, from the response stream as it arrives: one object straight into its model, or a
/// list page object by object, so that no body is ever held whole as text or as a JSON tree.
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
            return seen ? found! : throw ResourceClient.Malformed(response, $"no '{key}' object");
        });
    }

    /// <summary>
    /// Hands each object of a list page that matches the query's filters to <paramref name="each"/> as soon as it is read,
    /// and returns the query string of the next page (null on the last).
    /// </summary>
    public static string? ReadPage<T>(ApiResponse response, ResourceKind<T> kind, ListQuery query, string currentQuery, Action<T> each)
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
                        if (ResourceClient.Matches(item, query, kind))
                        {
                            each(ToModel<T>(serializer, item, response));
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
                throw ResourceClient.Malformed(response, $"no '{kind.Plural}' list");
            }

            return listed == 0 ? null : ResourceClient.NextQuery(links, currentQuery);
        });
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
                throw ResourceClient.Malformed(response, "not a JSON object");
            }

            return read(json);
        }
        catch (JsonReaderException e)
        {
            throw ResourceClient.Malformed(response, "not JSON: " + e.Message);
        }
    }

    private static void ForEachProperty(ApiResponse response, JsonTextReader json, Action<string> onValue)
    {
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            var name = (string)json.Value!;
            if (!json.Read())
            {
                throw ResourceClient.Malformed(response, "not JSON: it ends after '" + name + "'");
            }

            onValue(name);
        }

        if (json.TokenType != JsonToken.EndObject)
        {
            throw ResourceClient.Malformed(response, "not JSON: the top object is not closed");
        }
    }

    private static T Deserialize<T>(JsonSerializer serializer, JsonReader json, ApiResponse response)
    {
        try
        {
            return serializer.Deserialize<T>(json) ?? throw ResourceClient.Malformed(response, "an empty object");
        }
        catch (JsonSerializationException e)
        {
            throw ResourceClient.Malformed(response, "a field of the wrong type: " + e.Message);
        }
        catch (JsonReaderException e) when (IsConversion(e))
        {
            throw ResourceClient.Malformed(response, "a field of the wrong type: " + e.Message);
        }
    }

    // Read straight into the model, a value the model cannot take fails in the reader too; the rest is broken JSON.
    private static bool IsConversion(JsonReaderException e) =>
        e.Message.StartsWith("Could not convert", StringComparison.Ordinal) ||
        e.Message.StartsWith("Error reading", StringComparison.Ordinal) ||
        e.Message.StartsWith("Unexpected token", StringComparison.Ordinal);

    private static T ToModel<T>(JsonSerializer serializer, JObject item, ApiResponse response)
    {
        try
        {
            return item.ToObject<T>(serializer) ?? throw ResourceClient.Malformed(response, "an empty object");
        }
        catch (JsonException e)
        {
            throw ResourceClient.Malformed(response, "a field of the wrong type: " + e.Message);
        }
    }
}
