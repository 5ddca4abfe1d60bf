using Lakeport.Services.Common;
using Lakeport.Services.Crawling.Classification.Custom;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling;

/// <summary>The Local backend's custom classifiers: validated completely, stored in SQLite, every change audited.</summary>
public sealed class ClassifierService(SqliteClassifierStore store, IAuditLog audit) : IClassifiers
{
    public async Task<CustomClassifier> CreateAsync(Caller caller, ClassifierDefinition definition, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Define, "define classifiers");
        var valid = CustomClassifierFactory.Validate(definition);
        await store.InsertAsync(valid, caller.UserName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Create", valid.Name, detail: valid.Kind.ToString()), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<CustomClassifier> GetAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Read, "read classifiers");
        return await store.FindAsync(name, cancellationToken) ?? throw new EntityNotFoundException($"Classifier {name} not found.");
    }

    public Task<Page<CustomClassifier>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Read, "read classifiers");
        return store.ListAsync(page, cancellationToken);
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

        await store.UpdateAsync(valid, caller.UserName, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Update", valid.Name), cancellationToken);
        return await GetAsync(caller, valid.Name, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(ClassifierRules.Define, "delete classifiers");
        await store.DeleteAsync(name, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Classifier.Delete", name), cancellationToken);
    }
}
