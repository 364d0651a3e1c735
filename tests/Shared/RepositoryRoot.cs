namespace CpAlerts.Tests.Shared;

/// <summary>The checkout the tests run from (the folder with CpAlerts.sln), and its out/ folder.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var folder = AppContext.BaseDirectory;
            while (folder is not null && !File.Exists(System.IO.Path.Combine(folder, "CpAlerts.sln")))
            {
                folder = System.IO.Path.GetDirectoryName(folder);
            }

            return folder ?? throw new InvalidOperationException("CpAlerts.sln not found above the test folder");
        }
    }

    public static string Out(params string[] parts) => System.IO.Path.Combine([Path, "out", .. parts]);
}
