using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.Logs;

/// <summary>
/// What CloudWatch Logs' operations share: registration with Logs' error shapes. A missing group or stream is
/// <c>ResourceNotFoundException</c>, any other bad input <c>InvalidParameterException</c>; a role refusal stays
/// <c>AccessDeniedException</c>, as an IAM denial does.
/// </summary>
public static class LogsApi
{
    public static AwsOperationRegistry AddLogs<TRequest, TResponse>(
        this AwsOperationRegistry registry, string name, PortalRole requiredRole, Func<AwsCall, TRequest, Task<TResponse>> handler)
        where TRequest : class, new()
        where TResponse : class =>
        registry.Add<TRequest, TResponse>(AwsService.Logs, name, requiredRole, async (call, request) =>
        {
            try
            {
                return await handler(call, request);
            }
            catch (EntityNotFoundException ex)
            {
                throw new AwsApiException("ResourceNotFoundException", ex.Message);
            }
            catch (PortalException ex) when (ex is not AccessDeniedException)
            {
                throw InvalidParameter(ex.Message);
            }
        });

    public static AwsApiException InvalidParameter(string message) => new("InvalidParameterException", message);

    /// <summary>Refuses a limit outside 1…<paramref name="max"/>, the model's range.</summary>
    public static int? Limit(int? limit, int max) =>
        limit is < 1 || limit > max ? throw InvalidParameter($"limit {limit} is not valid: 1–{max}.") : limit;
}
