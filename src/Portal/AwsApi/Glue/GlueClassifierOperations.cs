using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's classifier operations over <see cref="IClassifiers"/>.</summary>
public static class GlueClassifierOperations
{
    public static AwsOperationRegistry AddGlueClassifierOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateClassifierRequest, CreateClassifierResponse>(AwsService.Glue, "CreateClassifier", ClassifierRules.Define, async (call, request) =>
        {
            await Classifiers(call).CreateAsync(call.Caller, request.ToDomain(), call.CancellationToken);
            return new CreateClassifierResponse();
        })
        .Add<GetClassifierRequest, GetClassifierResponse>(AwsService.Glue, "GetClassifier", ClassifierRules.Read, async (call, request) =>
        {
            var classifier = await Classifiers(call).GetAsync(call.Caller, request.Name ?? throw AwsApiException.Required("name"), call.CancellationToken);
            return new GetClassifierResponse { Classifier = classifier.ToWire() };
        })
        .Add<GetClassifiersRequest, GetClassifiersResponse>(AwsService.Glue, "GetClassifiers", ClassifierRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, ClassifierRules.MaxPerPage);
            var page = await Classifiers(call).ListAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            return new GetClassifiersResponse { Classifiers = page.Items.Select(c => c.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateClassifierRequest, UpdateClassifierResponse>(AwsService.Glue, "UpdateClassifier", ClassifierRules.Define, async (call, request) =>
        {
            var current = await Classifiers(call).GetAsync(call.Caller, request.Name(), call.CancellationToken);
            await Classifiers(call).UpdateAsync(call.Caller, request.ApplyTo(current.Definition), call.CancellationToken);
            return new UpdateClassifierResponse();
        })
        .Add<DeleteClassifierRequest, DeleteClassifierResponse>(AwsService.Glue, "DeleteClassifier", ClassifierRules.Define, async (call, request) =>
        {
            await Classifiers(call).DeleteAsync(call.Caller, request.Name ?? throw AwsApiException.Required("name"), call.CancellationToken);
            return new DeleteClassifierResponse();
        });

    private static IClassifiers Classifiers(AwsCall call) => call.Services.GetRequiredService<IClassifiers>();
}
