using System;
using System.Net;
using OpenStackVpn.Core.Http;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class ErrorsAndRedactionTests
{
    private static ApiResponse Response(int status, string body) =>
        new("GET http://n/v2.0/vpn/ipsec-site-connections/x", (HttpStatusCode)status, body, "req-1", null, null);

    [Fact]
    public void A_NeutronError_keeps_its_type_message_and_request_id()
    {
        var e = ErrorParser.FromResponse(Response(404, """{"NeutronError": {"type": "IPsecSiteConnectionNotFound", "message": "IPsec site connection x could not be found", "detail": ""}}"""), "x");
        Assert.Equal(OpenStackErrorKind.NotFound, e.Kind);
        Assert.Equal("IPsecSiteConnectionNotFound", e.ServerErrorType);
        Assert.Equal("IPsec site connection x could not be found", e.ServerMessage);
        Assert.Equal("req-1", e.RequestId);
        Assert.Contains("req-1", e.Message, StringComparison.Ordinal);
        Assert.Equal("x", e.Target);
    }

    [Fact]
    public void A_keystonemiddleware_401_is_an_authentication_error()
    {
        var e = ErrorParser.FromResponse(Response(401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"""));
        Assert.Equal(OpenStackErrorKind.Authentication, e.Kind);
        Assert.Equal("The request you have made requires authentication.", e.ServerMessage);
        Assert.NotNull(e.RecommendedAction);
    }

    [Fact]
    public void A_proxy_page_gives_a_clear_error_with_its_text_not_its_markup()
    {
        var e = ErrorParser.FromResponse(Response(502, "<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>"));
        Assert.Equal(OpenStackErrorKind.ServerError, e.Kind);
        Assert.Contains("HTTP 502 Bad Gateway", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"502 Bad Gateway\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, OpenStackErrorKind.BadRequest)]
    [InlineData(403, OpenStackErrorKind.PermissionDenied)]
    [InlineData(409, OpenStackErrorKind.Conflict)]
    [InlineData(429, OpenStackErrorKind.LimitsExceeded)]
    [InlineData(503, OpenStackErrorKind.ServerError)]
    public void Statuses_map_to_kinds(int status, OpenStackErrorKind kind) =>
        Assert.Equal(kind, ErrorParser.KindOf((HttpStatusCode)status));

    [Fact]
    public void Secrets_are_masked_in_bodies()
    {
        var redacted = Redactor.RedactBody("""
            {"auth": {"identity": {"methods": ["password", "token"], "password": {"user": {"name": "alice", "password": "pw-marker"}},
             "token": {"id": "token-marker"}, "application_credential": {"id": "ac", "secret": "secret-marker"}}},
             "ipsec_site_connection": {"psk": "psk-marker", "name": "c1"}}
            """);
        Assert.DoesNotContain("marker", redacted, StringComparison.Ordinal);
        Assert.Contains("alice", redacted, StringComparison.Ordinal);
        Assert.Contains("c1", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_JSON_body_is_summarised_not_shown()
    {
        Assert.Equal("(non-JSON body, 13 characters)", Redactor.RedactBody("psk=marker&x="));
    }
}
