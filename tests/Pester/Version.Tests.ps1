BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'One version source' {
    It 'the manifest carries the version the assemblies were built with (Directory.Build.props)' {
        $module = Get-Module OpenStackVpn
        $assembly = [OpenStackVpn.Commands.OpenStackCmdlet].Assembly.GetName().Version
        "$($module.Version)" | Should -Be ('{0}.{1}.{2}' -f $assembly.Major, $assembly.Minor, $assembly.Build)
        "$($module.Version)" | Should -Not -Be '0.0.0' -Because 'build.ps1 stamps the version into the manifest it ships'
    }
}
