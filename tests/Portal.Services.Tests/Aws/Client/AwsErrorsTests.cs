using System.Net;
using System.Text;
using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Common;

namespace Lakeport.Services.Tests.Aws.Client;

/// <summary>AWS error answers become one error with a bare code and the service's message, then the portal's own kinds.</summary>
public sealed class AwsErrorsTests
{
    [Theory]
    [InlineData("""{"__type":"com.amazonaws.glue#EntityNotFoundException","message":"Database nope not found."}""", "EntityNotFoundException")]
    [InlineData("""{"__type":"EntityNotFoundException","Message":"Database nope not found."}""", "EntityNotFoundException")]
    [InlineData("""{"__type":"InvalidParameterValue:http://internal.amazon.com/coral/com.amazon.coral.validate/","Message":"Database nope not found."}""", "InvalidParameterValue")]
    public void Parse_TakesTheBareType_AndTheMessageInEitherCasing(string body, string code)
    {
        var error = Parse(HttpStatusCode.BadRequest, body);

        Assert.Equal((code, "Database nope not found.", 400, "req-7", "Glue"), (error.Code, error.ServiceMessage, error.StatusCode, error.RequestId, error.Service));
        Assert.Contains("req-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrefersTheQueryErrorHeader_OverTheJsonType()
    {
        var error = Parse(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"bad period"}""", "InvalidParameterValue;Sender");

        Assert.Equal("InvalidParameterValue", error.Code);
        Assert.IsType<InvalidInputException>(AwsErrors.ToPortalException(error));
    }

    [Fact]
    public void Parse_NonJsonBody_NamesTheStatus()
    {
        var error = Parse(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        Assert.Equal("Http502", error.Code);
        Assert.Contains("502", error.ServiceMessage, StringComparison.Ordinal);
        Assert.True(AwsErrors.IsRetryable(error));
    }

    [Theory]
    [InlineData("EntityNotFoundException", typeof(EntityNotFoundException))]
    [InlineData("ResourceNotFoundException", typeof(EntityNotFoundException))]
    [InlineData("AlreadyExistsException", typeof(AlreadyExistsException))]
    [InlineData("AccessDeniedException", typeof(AccessDeniedException))]
    [InlineData("InvalidInputException", typeof(InvalidInputException))]
    [InlineData("ValidationException", typeof(InvalidInputException))]
    [InlineData("InvalidRequestException", typeof(InvalidInputException))]
    [InlineData("InvalidParameterValue", typeof(InvalidInputException))]
    [InlineData("ConcurrentModificationException", typeof(ConcurrentModificationException))]
    [InlineData("ConcurrentRunsExceededException", typeof(ConcurrentRunsExceededException))]
    [InlineData("CrawlerRunningException", typeof(AwsServiceException))]
    public void WellKnownCodes_BecomeThePortalsOwnExceptions_KeepingTheAwsError(string code, Type expected)
    {
        var error = Parse(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","Message":"because"}""");

        var mapped = AwsErrors.ToPortalException(error);

        Assert.IsType(expected, mapped);
        Assert.Equal("because", mapped is PortalException ? mapped.Message : ((AwsServiceException)mapped).ServiceMessage);
        if (mapped is PortalException)
        {
            Assert.Same(error, mapped.InnerException);
        }
    }

    [Theory]
    [InlineData("ThrottlingException", "Rate exceeded", true)]
    [InlineData("ThrottledException", "slow down", true)]
    [InlineData("TooManyRequestsException", "slow down", true)]
    [InlineData("RequestLimitExceeded", "slow down", true)]
    [InlineData("ProvisionedThroughputExceededException", "slow down", true)]
    [InlineData("LimitExceededException", "Rate exceeded for this account", true)]
    [InlineData("LimitExceededException", "Resource limit exceeded: at most 50 log groups", false)]
    [InlineData("ValidationException", "bad", false)]
    [InlineData("EntityNotFoundException", "gone", false)]
    public void Retryable_IsThrottling_NotValidationOrQuota(string code, string message, bool retryable)
    {
        Assert.Equal(retryable, AwsErrors.IsRetryable(Parse(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"{{message}}"}""")));
    }

    private static AwsServiceException Parse(HttpStatusCode status, string body, string? queryError = null) =>
        AwsErrors.Parse(AwsService.Glue, status, queryError, "req-7", Encoding.UTF8.GetBytes(body));
}
