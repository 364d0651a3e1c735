using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

using CpAlerts.Adapters.Storage;

namespace CpAlerts.Functions.Handler;

/// <summary>
/// Where ASP.NET Core Data Protection keeps the keys that protect form tokens: one table every instance of the app
/// reads, so a form served by one instance can be submitted to another (the default, a folder per machine, cannot).
/// The keys sit in the storage account like the records they protect access to (encrypted at rest, read with the
/// app's managed identity); Data Protection rotates them every 90 days.
/// </summary>
public sealed class FormKeyRing(TableStorage storage) : IXmlRepository
{
    private const string Partition = "keys";

    private TableClient Table => storage.Table(TableNames.FormKeys); // made on first use (cold start)

    // Data Protection's repository interface is synchronous.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")).Select(e => XElement.Parse(e.GetString("Xml")))];

    public void StoreElement(XElement element, string friendlyName) =>
        Table.AddEntity(new TableEntity(Partition, TableKeys.Escape(friendlyName)) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
}
