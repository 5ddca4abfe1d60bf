using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.CloudWatch;

/// <summary>
/// What CloudWatch's operations share: registration with CloudWatch's error shapes. CloudWatch answers AWS JSON 1.0
/// but keeps its Query protocol's error codes (the model's <c>awsQueryCompatible</c>): the body names the error shape
/// (<c>InvalidParameterValueException</c>) and <c>x-amzn-query-error</c> the code SDKs report (<c>InvalidParameterValue</c>).
/// A role refusal stays <c>AccessDeniedException</c>, as an IAM denial does.
/// </summary>
public static class CloudWatchApi
{
    public static AwsOperationRegistry AddCloudWatch<TRequest, TResponse>(
        this AwsOperationRegistry registry, string name, PortalRole requiredRole, Func<AwsCall, TRequest, Task<TResponse>> handler)
        where TRequest : class, new()
        where TResponse : class =>
        registry.Add<TRequest, TResponse>(AwsService.CloudWatch, name, requiredRole, async (call, request) =>
        {
            try
            {
                return await handler(call, request);
            }
            catch (PortalException ex) when (ex is not AccessDeniedException)
            {
                throw InvalidParameterValue(ex.Message);
            }
        });

    public static AwsApiException InvalidParameterValue(string message) =>
        new("InvalidParameterValueException", message) { QueryErrorCode = "InvalidParameterValue" };

    public static AwsApiException MissingParameter(string member) =>
        new("MissingRequiredParameterException", $"The parameter {member} is required.") { QueryErrorCode = "MissingParameter" };

    public static AwsApiException InvalidNextToken() => new("InvalidNextToken", "The NextToken is not one GetMetricData issued for these queries.");
}
