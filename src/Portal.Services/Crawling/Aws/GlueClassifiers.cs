using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling.Aws;

/// <summary>Custom classifiers in AWS Glue: validated as the Local ones are before Glue sees them, every change audited.</summary>
public sealed class GlueClassifiers(GlueClient glue, IAuditLog audit) : IClassifiers
{
    public async Task<CustomClassifier> CreateAsync(Caller caller, ClassifierDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Define, "define classifiers");
        var valid = CustomClassifierFactory.Validate(definition);
        await glue.SendAsync<CreateClassifierRequest, CreateClassifierResponse>("CreateClassifier", valid.ToCreateRequest(), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Create", valid.Name, detail: valid.Kind.ToString()), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<CustomClassifier> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Read, "read classifiers");
        var response = await glue.SendAsync<GetClassifierRequest, GetClassifierResponse>("GetClassifier", new GetClassifierRequest { Name = name }, cancellationToken);
        return response.Classifier?.ToDomain() ?? throw new EntityNotFoundException($"Classifier {name} not found.");
    }

    public async Task<Page<CustomClassifier>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Read, "read classifiers");
        var response = await glue.SendAsync<GetClassifiersRequest, GetClassifiersResponse>("GetClassifiers", new GetClassifiersRequest
        {
            MaxResults = Math.Clamp(page.MaxResults ?? ClassifierRules.MaxPerPage, 1, ClassifierRules.MaxPerPage),
            NextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken,
        }, cancellationToken);
        var items = (response.Classifiers ?? []).Select(c => c.ToDomain()).OrderBy(c => c.Definition.Name, StringComparer.Ordinal).ToList();
        return new Page<CustomClassifier>(items, string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    public async Task<CustomClassifier> UpdateAsync(Caller caller, ClassifierDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Define, "change classifiers");
        var valid = CustomClassifierFactory.Validate(definition);
        var current = await GetAsync(caller, valid.Name, cancellationToken);
        if (current.Definition.Kind != valid.Kind)
        {
            throw new InvalidInputException($"Classifier {valid.Name} is a {current.Definition.Kind} classifier; it cannot become a {valid.Kind} classifier.");
        }

        await glue.SendAsync<UpdateClassifierRequest, UpdateClassifierResponse>("UpdateClassifier", valid.ToUpdateRequest(), cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Define, "delete classifiers");
        await glue.SendAsync<DeleteClassifierRequest, DeleteClassifierResponse>("DeleteClassifier", new DeleteClassifierRequest { Name = name }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Delete", name), cancellationToken);
    }
}
