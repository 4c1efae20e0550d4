using System;
using System.Net;
using System.Net.Http;
using OpenStackVpn.Core.Http;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("GET", 503, true)]
    [InlineData("PUT", 502, true)]
    [InlineData("DELETE", 504, true)]
    [InlineData("GET", 429, true)]
    [InlineData("POST", 429, true)]
    [InlineData("POST", 503, false)]
    [InlineData("GET", 500, false)]
    [InlineData("GET", 404, false)]
    public void Retries_transient_statuses_of_requests_that_are_safe_to_repeat(string method, int status, bool expected) =>
        Assert.Equal(expected, _policy.ShouldRetry(new HttpMethod(method), 0, (HttpStatusCode)status, false));

    [Fact]
    public void A_create_is_sent_again_after_a_connection_failure_only_when_it_never_left()
    {
        Assert.True(_policy.ShouldRetry(HttpMethod.Post, 0, null, notSent: true));
        Assert.False(_policy.ShouldRetry(HttpMethod.Post, 0, null, notSent: false));
        Assert.True(_policy.ShouldRetry(HttpMethod.Get, 0, null, notSent: false));
    }

    [Fact]
    public void Stops_at_the_limit_and_zero_turns_retries_off()
    {
        Assert.False(_policy.ShouldRetry(HttpMethod.Get, 3, HttpStatusCode.ServiceUnavailable, false));
        Assert.False(new RetryPolicy { MaxRetries = 0 }.ShouldRetry(HttpMethod.Get, 0, HttpStatusCode.ServiceUnavailable, false));
    }

    [Fact]
    public void Backs_off_exponentially_with_jitter_up_to_the_cap()
    {
        for (var i = 0; i < 50; i++)
        {
            var first = _policy.Delay(0, null);
            Assert.InRange(first.TotalSeconds, 0.5, 1.0);
            var third = _policy.Delay(2, null);
            Assert.InRange(third.TotalSeconds, 2.0, 4.0);
            Assert.InRange(_policy.Delay(10, null).TotalSeconds, 5.0, 10.0);
        }
    }

    [Fact]
    public void Honours_Retry_After_in_seconds_and_as_a_date_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), _policy.Delay(0, "2"));
        Assert.Equal(TimeSpan.FromSeconds(10), _policy.Delay(0, "3600"));
        var inFiveSeconds = DateTimeOffset.UtcNow.AddSeconds(5).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(_policy.Delay(0, inFiveSeconds).TotalSeconds, 3.0, 5.0);
    }
}
