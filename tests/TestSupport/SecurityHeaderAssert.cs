namespace Streaming.TestSupport;

/// <summary>The headers every response of a service carries (ServiceDefaults' SecurityHeaders), whatever its status.</summary>
public static class SecurityHeaderAssert
{
    public static void Present(HttpResponseMessage response, string contentSecurityPolicy)
    {
        var what = $"{(int)response.StatusCode} answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"nosniff on the {what}");
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"X-Frame-Options on the {what}");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"Referrer-Policy on the {what}");
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"Content-Security-Policy on the {what}");
        Assert.Equal(contentSecurityPolicy, Assert.Single(csp));
    }
}
