BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:commands = Get-Command -Module OpenStackVpn | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The module as users import it' {
    It 'exports the session cmdlets and Get-IpsecSiteConnection' {
        $names = (Get-Command -Module OpenStackVpn).Name
        $names | Should -Contain 'Connect-OpenStack'
        $names | Should -Contain 'Disconnect-OpenStack'
        $names | Should -Contain 'Get-OpenStackSession'
        $names | Should -Contain 'Get-IpsecSiteConnection'
    }

    It 'ships no System.Management.Automation.dll' {
        $folder = (Get-Module OpenStackVpn).ModuleBase
        Get-ChildItem $folder -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It '<Name> uses an approved verb' -ForEach $commands {
        (Get-Command $Name).Verb | Should -BeIn (Get-Verb).Verb
    }

    It '<Name> declares what it outputs' -ForEach ($commands | Where-Object { $_.Name -notmatch '^(Disconnect|Remove|Add|Clear|Stop)-|^Set-EmbeddedOpenStackStatus$' }) {
        (Get-Command $Name).OutputType | Should -Not -BeNullOrEmpty
    }

    It 'says to connect when a cmdlet runs without a session' {
        if (Get-OpenStackSession) { Disconnect-OpenStack }
        $record = Get-ErrorRecord { Get-IpsecSiteConnection }
        $record.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $record.Exception.Message | Should -BeLike '*Connect-OpenStack*'
    }

    It 'shows an IPsec site connection as a table of name, status, peer, peer networks and id' {
        $view = Get-FormatData -TypeName OpenStackVpn.IpsecSiteConnection
        $labels = $view.FormatViewDefinition[0].Control.Headers.Label
        $labels | Should -Be @('Name', 'Status', 'PeerAddress', 'PeerNetworks', 'Id')
    }
}
