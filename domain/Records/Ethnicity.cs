namespace CpAlerts.Domain.Records;

/// <summary>
/// The child's ethnicity as the council records it for the Department for Education's children looked after (SSDA903)
/// and children in need returns: optional <c>ethnicity</c> in children.csv, written as the return's code (WBRI, …,
/// <see cref="ExportCodes.Ethnicities"/>). The IHA request shows it in words, never the code.
/// </summary>
public enum Ethnicity
{
    /// <summary>White British (WBRI).</summary>
    WhiteBritish,

    /// <summary>White Irish (WIRI).</summary>
    WhiteIrish,

    /// <summary>Traveller of Irish heritage (WIRT).</summary>
    TravellerOfIrishHeritage,

    /// <summary>Any other White background (WOTH).</summary>
    AnyOtherWhite,

    /// <summary>Gypsy or Roma (WROM).</summary>
    GypsyOrRoma,

    /// <summary>White and Black Caribbean (MWBC).</summary>
    WhiteAndBlackCaribbean,

    /// <summary>White and Black African (MWBA).</summary>
    WhiteAndBlackAfrican,

    /// <summary>White and Asian (MWAS).</summary>
    WhiteAndAsian,

    /// <summary>Any other mixed background (MOTH).</summary>
    AnyOtherMixed,

    /// <summary>Indian (AIND).</summary>
    Indian,

    /// <summary>Pakistani (APKN).</summary>
    Pakistani,

    /// <summary>Bangladeshi (ABAN).</summary>
    Bangladeshi,

    /// <summary>Any other Asian background (AOTH).</summary>
    AnyOtherAsian,

    /// <summary>Black Caribbean (BCRB).</summary>
    BlackCaribbean,

    /// <summary>Black African (BAFR).</summary>
    BlackAfrican,

    /// <summary>Any other Black background (BOTH).</summary>
    AnyOtherBlack,

    /// <summary>Chinese (CHNE).</summary>
    Chinese,

    /// <summary>Any other ethnic group (OOTH).</summary>
    AnyOtherEthnicGroup,

    /// <summary>The child or family declined to say (REFU).</summary>
    Refused,

    /// <summary>Information not yet obtained (NOBT).</summary>
    NotYetObtained,
}
