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
        Assert.All(Enum.GetValues<Ethnicity>(), v => Assert.Equal(v, ExportCodes.Ethnicities[ExportCodes.Code(v)!]));
        Assert.All(Enum.GetValues<CategoryOfNeed>(), v => Assert.Equal(v, ExportCodes.CategoriesOfNeed[ExportCodes.Code(v)!]));
        Assert.All(Enum.GetValues<ImmunisationStatus>(), v => Assert.Equal(v, ExportCodes.Immunisations[ExportCodes.Code(v)!]));
        Assert.Equal("CARE_ORDER", ExportCodes.Code(LegalStatus.CareOrder)); // the export's words, not the enum's
        Assert.Null(ExportCodes.Code((LegalStatus?)null));
    }

    [Fact]
    public void Ethnicity_and_category_of_need_are_the_dfe_returns_codes()
    {
        Assert.Equal(
            ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"],
            ExportCodes.Ethnicities.Keys);
        Assert.Equal(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"], ExportCodes.CategoriesOfNeed.Keys);
        Assert.Equal(CategoryOfNeed.AbuseOrNeglect, ExportCodes.CategoriesOfNeed["n1"]); // read in any case
        Assert.Equal(Ethnicity.NotYetObtained, ExportCodes.Ethnicities["nobt"]);
    }
}
