using CpAlerts.Domain.Records;

namespace CpAlerts.Domain.Tests;

/// <summary>Every value has one export code, and the code a writer uses is the one the importer reads back.</summary>
public class ExportCodesTests
{
    [Fact]
    public void Every_value_has_a_code_that_reads_back_as_that_value()
    {
        Assert.All(Enum.GetValues<LegalStatus>(), v => Assert.Equal(v, ExportCodes.LegalStatuses[ExportCodes.Code(v)!]));
        Assert.All(Enum.GetValues<ConsentStatus>(), v => Assert.Equal(v, ExportCodes.ConsentStatuses[ExportCodes.Code(v)!]));
        Assert.All(Enum.GetValues<AssessmentType>(), v => Assert.Equal(v, ExportCodes.AssessmentTypes[ExportCodes.Code(v)]));
        Assert.All(Enum.GetValues<Sex>(), v => Assert.Equal(v, ExportCodes.Sexes[ExportCodes.Code(v)!]));
        Assert.Equal("CARE_ORDER", ExportCodes.Code(LegalStatus.CareOrder)); // the export's words, not the enum's
        Assert.Null(ExportCodes.Code((LegalStatus?)null));
    }
}
