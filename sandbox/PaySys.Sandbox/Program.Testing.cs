// WebApplicationFactory<Program> needs a public entry-point type.
public partial class Program;
