using Microsoft.AspNetCore.Http.HttpResults;

namespace Streaming.Gateway.Admin;

/// <summary>The problem+json answers of the admin API, each naming the field at fault.</summary>
public static class AdminProblems
{
    public const int NameLength = 200;

    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = title,
        });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Field(StatusCodes.Status400BadRequest, "The request is not valid", field, message);

    public static ProblemHttpResult UnknownDistributor(string field, string distributorId, int status) =>
        Field(status, "No such distributor", field, $"no distributor '{distributorId}': create it with POST /v1/admin/distributors");

    public static string IdRule => $"required string of 1-{Streaming.Tenancy.Identifier.MaxLength} characters without control characters";

    public static string NameRule => $"required string of 1-{NameLength} characters without control characters";
}
