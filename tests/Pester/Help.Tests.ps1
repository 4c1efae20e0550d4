# The help users read: generated from the C# doc comments by tools/New-HelpFile.ps1 at build time.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:commands = Get-Command -Module OpenStackVpn -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)

    function Get-DocumentedParameter([string] $Name) {
        # The parameters help must describe: all but the common ones and those marked DontShow.
        (Get-Command $Name).Parameters.Values | Where-Object {
            $_.Name -notin $script:common -and
            -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
        } | ForEach-Object Name
    }

    function Get-Text($Node) { (@($Node | ForEach-Object { $_.Text }) -join ' ').Trim() }
}

Describe 'Help of <Name>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis of its own' {
        # Without a help file, Get-Help makes the synopsis from the syntax, which starts with the name.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code' {
        $examples = @($help.examples.example | Where-Object { "$($_.code)".Trim() })
        $examples.Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter' {
        $undescribed = foreach ($parameter in Get-DocumentedParameter $Name) {
            $entry = $help.parameters.parameter | Where-Object { $_.name -eq $parameter }
            if (-not $entry -or -not (Get-Text $entry.description)) { $parameter }
        }
        $undescribed | Should -BeNullOrEmpty -Because 'every parameter needs <summary><para type="description"> in the C# doc comments'
    }
}

Describe 'Generated help shows what the cmdlets really take' {
    It 'shows -WhatIf and -Confirm in the SYNTAX of the cmdlets that support them, and describes them' {
        $syntax = Get-Help Remove-IkePolicy | Select-Object -ExpandProperty syntax | Out-String -Width 300
        $syntax | Should -Match '\[-WhatIf\]'
        $syntax | Should -Match '\[-Confirm\]'
        (Get-Help Set-IpsecSiteConnection -Parameter WhatIf).description.Text | Should -Not -BeNullOrEmpty
        $getSyntax = Get-Help Get-IkePolicy | Select-Object -ExpandProperty syntax | Out-String -Width 300
        $getSyntax | Should -Not -Match 'WhatIf'
    }

    It 'shows real default values, an enum''s first value too' {
        (Get-Help Export-IpsecPeerConfig -Parameter Format).defaultValue | Should -Be 'Swanctl'
        (Get-Help Wait-VpnService -Parameter TimeoutSec).defaultValue | Should -Be '600'
        (Get-Help Start-EmbeddedOpenStack -Parameter EmbeddedProfile).defaultValue | Should -Be 'Upstream'
        (Get-Help Remove-IkePolicy -Parameter Force).defaultValue | Should -Be 'False'
    }
}
