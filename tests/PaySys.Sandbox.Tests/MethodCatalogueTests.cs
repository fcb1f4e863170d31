using PaySys.Sandbox.Contracts;
using PaySys.Sandbox.Rpc;

namespace PaySys.Sandbox.Tests;

/// <summary>The method list has one source, contracts/openrpc.json: the dispatcher serves exactly its methods.</summary>
public sealed class MethodCatalogueTests
{
    [Fact]
    public void The_dispatcher_serves_exactly_the_methods_of_the_catalogue()
    {
        MethodCatalogue.Names.Should().HaveCount(14).And.OnlyHaveUniqueItems();
        new RpcDispatcher().Names.Should().BeEquivalentTo(MethodCatalogue.Names);
    }

    [Fact]
    public void The_catalogue_knows_its_methods_and_nothing_else()
    {
        MethodCatalogue.Contains("pam.prepare_payment").Should().BeTrue();
        MethodCatalogue.Contains(OpenRpcDocument.DiscoverMethod).Should().BeFalse("rpc.discover is not one of the gateway's methods");
        MethodCatalogue.Contains("PAM.PREPARE_PAYMENT").Should().BeFalse();
    }
}
