using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Streaming.ServiceDefaults;

/// <summary>
/// A request the framework cannot bind (a body that is not JSON or has a value of the wrong type, a body of the wrong
/// media type, a route or query value that does not parse) answers problem+json naming the field, like every other
/// refusal, with the status the framework chose (400, 413; 415 through <see cref="NameTheBody"/>). Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>:
/// without it the framework answers these with an empty 400 of its own.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted || exception is not BadHttpRequestException bad) return false;
        var (field, message) = Describe(bad);
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = "The request is not valid",
            },
        });
    }

    /// <summary>The field at fault and what is wrong with it, without echoing the request's content.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return (field, field == "body"
                ? "the body is not a JSON object of the documented shape"
                : "wrong type or malformed JSON at this field");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return ("body", "the body is larger than this route accepts");
        var parameter = ParameterName().Match(bad.Message);
        return parameter.Success
            ? (parameter.Groups["name"].Value, "missing or not a valid value")
            : ("body", "missing or unreadable");
    }

    /// <summary>
    /// The framework answers a body of another media type 415 without an exception: its problem (written by the
    /// status-code pages) names the body too.
    /// </summary>
    public static void NameTheBody(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails is HttpValidationProblemDetails) return;
        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = ["send the body as application/json"] };
    }

    /// <summary><c>$</c> (the document as a whole) is the body; <c>$.origins[2]</c> is <c>origins[2]</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // The framework names the parameter as "<Type> <name>" in its message (e.g. Failed to bind parameter "int limit").
    [GeneratedRegex("parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
