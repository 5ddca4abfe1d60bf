using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Security;

namespace Lakeport.Portal.AwsApi;

/// <summary>A signed, authorized call: who is calling, the request's services, and its cancellation.</summary>
public sealed record AwsCall(Caller Caller, IServiceProvider Services, CancellationToken CancellationToken);

/// <summary>One operation: its full target (<c>AWSGlue.CreateDatabase</c>), the role it needs, and its handler.</summary>
public sealed record AwsOperation(
    string Target,
    AwsService Service,
    PortalRole RequiredRole,
    Func<AwsCall, JsonElement, Task<object>> Invoke);

/// <summary>Every operation /aws answers, keyed by <c>X-Amz-Target</c>. Built once at start-up; read-only afterwards.</summary>
public sealed class AwsOperationRegistry
{
    private readonly Dictionary<string, AwsOperation> _operations = new(StringComparer.Ordinal);

    public IReadOnlyCollection<AwsOperation> Operations => _operations.Values;

    public AwsOperation? Find(string target) => _operations.GetValueOrDefault(target);

    public AwsOperationRegistry Add<TRequest, TResponse>(
        AwsService service, string name, PortalRole requiredRole, Func<AwsCall, TRequest, Task<TResponse>> handler)
        where TRequest : class, new()
        where TResponse : class
    {
        var target = $"{service.TargetPrefix}.{name}";
        _operations.Add(target, new AwsOperation(target, service, requiredRole, async (call, body) =>
        {
            TRequest request;
            try
            {
                request = body.ValueKind == JsonValueKind.Undefined ? new TRequest() : body.Deserialize<TRequest>(AwsJson.Options) ?? new TRequest();
            }
            catch (JsonException ex)
            {
                throw new AwsApiException("SerializationException", $"The request body does not match {name}'s input: {ex.Message}");
            }

            return await handler(call, request);
        }));
        return this;
    }
}
