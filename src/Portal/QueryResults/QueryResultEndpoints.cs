using Lakeport.Portal.Auth;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Mvc;

namespace Lakeport.Portal.QueryResults;

/// <summary>The full CSV of a result, streamed from its result file: nothing is re-run and nothing is held in memory.</summary>
public static class QueryResultEndpoints
{
    public static string DownloadPath(string executionId) => $"/query/results/{Uri.EscapeDataString(executionId)}/download";

    public static IEndpointRouteBuilder MapQueryResults(this IEndpointRouteBuilder endpoints)
    {
        // The engine checks that the caller may read this execution (their own, or any for an Admin).
        endpoints.MapGet("/query/results/{executionId}/download", async (string executionId, HttpContext context, [FromServices] IQueryEngine engine) =>
        {
            if (context.User.GetPortalRole() is not { } role)
            {
                return Results.Forbid();
            }

            var caller = new Caller(context.User.Identity?.Name ?? "?", role, $"portal {context.Connection.RemoteIpAddress}");
            try
            {
                var stream = await engine.OpenResultFileAsync(caller, executionId, context.RequestAborted);
                // Results.Stream copies in chunks and disposes the file; the name makes it an attachment.
                return Results.Stream(stream, "text/csv; charset=utf-8", $"{executionId}.csv");
            }
            catch (EntityNotFoundException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (PortalException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        }).RequireAuthorization(PortalPolicies.Viewer);
        return endpoints;
    }
}
