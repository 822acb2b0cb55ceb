namespace WeeEvents.Protection;

/// <summary>
/// Marks the string property that names whose personal data the record holds (the customer id). Personal fields of the
/// record and of every record nested in it are encrypted under that subject's data key; forgetting the subject destroys
/// the key. A personal field with no subject in scope is keyed to its aggregate instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class DataSubjectAttribute : Attribute;
