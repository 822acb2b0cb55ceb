namespace WeeEvents.Protection;

/// <summary>What a declared field of a record is, as its attributes say.</summary>
[Flags]
public enum FieldClass
{
    /// <summary>Nothing declared.</summary>
    None = 0,

    /// <summary>Personal data of the subject in scope (<see cref="PersonalDataAttribute"/>): encrypted where stored or sent.</summary>
    Personal = 1,

    /// <summary>Never shown in the clear (<see cref="SensitiveAttribute"/>): masked in responses and traces.</summary>
    Sensitive = 2,

    /// <summary>Names the data subject of the object it is in and of everything nested in it (<see cref="DataSubjectAttribute"/>).</summary>
    Subject = 4,
}
