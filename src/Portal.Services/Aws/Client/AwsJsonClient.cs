using System.Net.Http.Headers;
using System.Text.Json;
using Lakeport.Services.Aws.Wire;

namespace Lakeport.Services.Aws.Client;

/// <summary>
/// One AWS JSON service (1.0 or 1.1) over an <see cref="HttpClient"/> whose handlers sign and retry: posts the request
/// DTO to the service endpoint with its <c>X-Amz-Target</c>, and reads the response DTO or the error. The DTOs are the
/// same wire shapes the /aws endpoint answers with, checked against botocore's models.
/// </summary>
public class AwsJsonClient(HttpClient http, AwsService service)
{
    public AwsService Service => service;

    public async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var endpoint = http.BaseAddress ?? throw new InvalidOperationException($"The {service.Name} client has no endpoint.");
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        // Bytes, not a stream: the signer hashes the body and a retry sends it again.
        message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options));
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(service.ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{service.TargetPrefix}.{operation}");
        if (service.SendsQueryMode)
        {
            message.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrors.ToPortalException(AwsErrors.Parse(service, response.StatusCode, Header(response, "x-amzn-query-error"), RequestId(response), body));
        }

        // Operations without output members may answer with no body at all.
        return JsonSerializer.Deserialize<TResponse>(body.Length == 0 ? "{}"u8 : body, AwsJson.Options)
            ?? throw new JsonException($"{service.Name} {operation} answered null.");
    }

    private static string? RequestId(HttpResponseMessage response) =>
        Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>AWS Glue (AWS JSON 1.1).</summary>
public sealed class GlueClient(HttpClient http) : AwsJsonClient(http, AwsService.Glue);

/// <summary>Amazon Athena (AWS JSON 1.1).</summary>
public sealed class AthenaClient(HttpClient http) : AwsJsonClient(http, AwsService.Athena);

/// <summary>Amazon CloudWatch Logs (AWS JSON 1.1).</summary>
public sealed class LogsClient(HttpClient http) : AwsJsonClient(http, AwsService.Logs);

/// <summary>Amazon CloudWatch metrics (AWS JSON 1.0).</summary>
public sealed class CloudWatchClient(HttpClient http) : AwsJsonClient(http, AwsService.CloudWatch);
