namespace CpAlerts.Adapters.Storage;

/// <summary>The tables CpAlerts uses. Every one is partitioned by council code, caseload and findings further by <see cref="CouncilPartition"/> (README: "Table design").</summary>
public static class TableNames
{
    /// <summary>Every child record, RowKey "{child}|{kind}|{natural key}": one scan per council partition, grouped by child.</summary>
    public const string Caseload = "caseload";

    public const string Staff = "staff";

    /// <summary>Councils with imported data (PartitionKey "councils"): what the sweep fans out over.</summary>
    public const string Councils = "councils";

    public const string ImportRuns = "importruns";

    /// <summary>Pipeline state: each finding's level and who has been told.</summary>
    public const string Findings = "findings";

    /// <summary>One record per outgoing message id: the delivery path's idempotency.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Completed sweeps per council: the latest as-of of each kind, and one row per kind and London date.</summary>
    public const string SweepRuns = "sweepruns";

    /// <summary>Who said which findings are in hand until when, and the audit record of every change (PartitionKey the council).</summary>
    public const string Acknowledgements = "acknowledgements";

    /// <summary>The team view's form-token keys (ASP.NET Core Data Protection's key ring), shared by every instance.</summary>
    public const string FormKeys = "formkeys";

    /// <summary>Every message a sweep handed to the host, kept until its delivery is confirmed (PartitionKey the council, RowKey the message id).</summary>
    public const string Outbox = "outbox";

    /// <summary>The team view's open items by council and social worker, written by the daily sweep (<see cref="OpenItemsTable"/>).</summary>
    public const string OpenItems = "openitems";

    /// <summary>Who may sign in where: PartitionKey the email address in lower case, RowKey the council (<see cref="StaffSignIns"/>).</summary>
    public const string StaffEmails = "staffemails";

    public static readonly string[] All = [Caseload, Staff, Councils, ImportRuns, Findings, Deliveries, SweepRuns, Acknowledgements, FormKeys, Outbox, OpenItems, StaffEmails];
}
