using System.Globalization;
using Microsoft.OpenApi;

namespace Streaming.Gateway.Endpoints;

public static class CsvAlternative
{
    /// <summary>
    /// Documents that the route's 200 also comes as <c>text/csv</c> (with <c>format=csv</c>). Produces would replace
    /// the JSON media type, so the CSV one is added to the same response instead.
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswersCsv(this RouteHandlerBuilder route) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses?[StatusCodes.Status200OK.ToString(CultureInfo.InvariantCulture)].Content?
                .TryAdd("text/csv", new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            return Task.CompletedTask;
        });
}
