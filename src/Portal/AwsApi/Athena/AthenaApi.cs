using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi.Athena;

/// <summary>
/// What Athena's operations share: registration with Athena's error shapes, the one work group, and input checks.
/// Athena answers a bad or unknown id, work group or token with <c>InvalidRequestException</c> (it has no
/// not-found error for executions, named queries or work groups); a role refusal stays <c>AccessDeniedException</c>,
/// as an IAM denial does.
/// </summary>
public static class AthenaApi
{
    public const string InvalidInput = "INVALID_INPUT";

    public static AwsOperationRegistry AddAthena<TRequest, TResponse>(
        this AwsOperationRegistry registry, string name, PortalRole requiredRole, Func<AwsCall, TRequest, Task<TResponse>> handler)
        where TRequest : class, new()
        where TResponse : class =>
        registry.Add<TRequest, TResponse>(AwsService.Athena, name, requiredRole, async (call, request) =>
        {
            try
            {
                return await handler(call, request);
            }
            catch (PortalException ex) when (ex is not AccessDeniedException)
            {
                throw InvalidRequest(ex.Message);
            }
        });

    public static AwsApiException InvalidRequest(string message) =>
        new("InvalidRequestException", message) { Members = new Dictionary<string, string> { ["AthenaErrorCode"] = InvalidInput } };

    public static string Required(string? value, string member) =>
        string.IsNullOrEmpty(value) ? throw InvalidRequest($"{member} is required.") : value;

    /// <summary>Lakeport has one work group, <c>primary</c>; any other name is unknown, as it would be in a fresh account.</summary>
    public static string WorkGroup(string? name)
    {
        var workGroup = string.IsNullOrEmpty(name) ? QueryRules.PrimaryWorkGroup : name;
        return workGroup == QueryRules.PrimaryWorkGroup ? workGroup : throw InvalidRequest($"WorkGroup {workGroup} is not found.");
    }

    /// <summary>Athena's list limits are 0…50, where 0 (or none) means the most a page holds.</summary>
    public static int PageSize(int? maxResults, int limit)
    {
        if (maxResults is < 0 || maxResults > limit)
        {
            throw InvalidRequest($"MaxResults must be between 0 and {limit}; it was {maxResults}.");
        }

        return maxResults is null or 0 ? limit : maxResults.Value;
    }

    /// <summary>Idempotency tokens are 32–128 characters (the AWS CLI generates one for each call).</summary>
    public static string? Token(string? token) =>
        token is null || token.Length is >= 32 and <= 128 ? token : throw InvalidRequest("ClientRequestToken must be 32–128 characters long.");
}
