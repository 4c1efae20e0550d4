using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Http;

/// <summary>Removes secrets from bodies before they reach a log stream.</summary>
public static class Redactor
{
    /// <summary>The text that replaces a secret.</summary>
    public const string MaskText = "***";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "psk", "password", "secret", "application_credential_secret", "token", "auth_token", "access_token",
    };

    /// <summary>A JSON body with every secret value masked; a body that is not JSON is summarised, not shown.</summary>
    public static string RedactBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return "(empty)";
        }

        JToken token;
        try
        {
            token = JToken.Parse(body!);
        }
        catch (JsonException)
        {
            return $"(non-JSON body, {body!.Length} characters)";
        }

        Mask(token);
        return token.ToString(Formatting.None);
    }

    private static void Mask(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties().ToList())
                {
                    var value = property.Value;
                    var secret = SecretKeys.Contains(property.Name);
                    if (value is JObject nested && !(secret && nested["id"] != null))
                    {
                        // A Keystone token request names the token by "id" (masked whole); other objects are walked.
                        Mask(nested);
                    }
                    else if (value is JArray list && !secret)
                    {
                        Mask(list);
                    }
                    else if (secret && value.Type != JTokenType.Null)
                    {
                        property.Value = MaskText;
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    Mask(item);
                }

                break;
        }
    }
}
