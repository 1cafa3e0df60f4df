using Microsoft.OpenApi;
using Streaming.Ingest.Batches;

namespace Streaming.Ingest.Endpoints;

public static class EventBatchRoutes
{
    /// <summary>
    /// What the OpenAPI document says of every batch route: the body is an array of <typeparamref name="TEvent"/>
    /// (or one), the answers are 202 with a <see cref="BatchAnswer"/>, 400, 401, 403, 413 and 503 problems.
    /// </summary>
    public static RouteHandlerBuilder DocumentedAsEventBatch<TEvent>(this RouteHandlerBuilder route, string bodyDescription) => route
        // Documented, not enforced (.Accepts would answer 415): players' sendBeacon posts JSON as text/plain.
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = bodyDescription,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = await context.GetOrCreateSchemaAsync(typeof(IReadOnlyList<TEvent>), null, cancellationToken),
                },
            },
        })
        .Produces<BatchAnswer>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
