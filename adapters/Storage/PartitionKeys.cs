using CpAlerts.Application.Ports;

namespace CpAlerts.Adapters.Storage;

/// <summary>Where a <see cref="CouncilPartition"/> lives in Table Storage.</summary>
public static class PartitionKeys
{
    extension(CouncilPartition partition)
    {
        /// <summary>The partition key: "{council}|{number}", council escaped like every other key.</summary>
        public string Key => $"{TableKeys.Escape(partition.Council)}{TableKeys.Separator}{partition.Number:D2}";
    }
}
