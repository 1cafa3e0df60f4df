using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Streaming.Ingest.Tests.Endpoints;

public sealed class ApiReferenceTests
{
    [Fact]
    public async Task The_API_reference_page_reads_the_OpenAPI_document_in_production_too()
    {
        using var factory = new IngestFactory();
        using var production = factory.WithWebHostBuilder(host => host.UseEnvironment(Environments.Production));

        await ApiReferencePage.AssertServedAsync(production.CreateClient());
    }
}
