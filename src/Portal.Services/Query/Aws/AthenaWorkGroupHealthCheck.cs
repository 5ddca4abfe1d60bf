using Lakeport.Services.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lakeport.Services.Query.Aws;

/// <summary>The configured Athena work group exists and is enabled: without it no query can start.</summary>
public sealed class AthenaWorkGroupHealthCheck(AthenaWorkspace workspace) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var group = await workspace.GetWorkGroupAsync(cancellationToken);
            return group.IsEnabled
                ? HealthCheckResult.Healthy($"Athena work group '{group.Name}' is {group.State ?? "ENABLED"}")
                : HealthCheckResult.Unhealthy($"Athena work group '{group.Name}' is disabled: queries cannot start until it is enabled.");
        }
        catch (PortalException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or Lakeport.Services.Aws.Client.AwsServiceException)
        {
            return HealthCheckResult.Unhealthy($"Athena cannot be reached to check the work group: {ex.Message}", ex);
        }
    }
}
