# Every example of the help (Get-Help <cmdlet> -Examples of every exported cmdlet, and the code of the about_ topics)
# runs, in order, each in a new runspace on a new in-process embedded cloud, in an empty folder; an error fails it.
# A failure is named by cmdlet (or topic) and example number. An example that cannot run here says so in its remarks
# (or, in a topic, in a comment) with 'Not run by the example test: <why>', and is counted as skipped, with why.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'HelpExampleRunner.ps1')
    # As hashtables: Pester makes their keys variables of the test, and names each test by them.
    $examples = @(Get-HelpExample | ForEach-Object {
            @{ Source = $_.Source; Number = $_.Number; Code = $_.Code; NotRunBecause = $_.NotRunBecause } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'HelpExampleRunner.ps1')
    $moduleFolder = Split-Path (Get-Module OpenStackVpn).Path
    $script:counts = @{ Run = 0; Passed = 0; NotRun = 0 }
}

AfterAll {
    # The examples connect the process-wide default session to their own clouds: give the other tests theirs back.
    $null = Connect-Lab lab-admin
    [OpenStackVpn.Core.Resources.NameLookup]::Clear()
    Write-Host ("Help examples: {0} run, {1} passed, {2} not run" -f $counts.Run, $counts.Passed, $counts.NotRun)
}

Describe 'Every help example runs on a fresh embedded cloud' {
    It '<Source> example <Number>' -ForEach $examples {
        if ($NotRunBecause) {
            $counts.NotRun++
            Set-ItResult -Skipped -Because "not run: $NotRunBecause"
            return
        }
        $counts.Run++
        $errors = @(Invoke-HelpExample -Code $Code -ModulePath $moduleFolder)
        $errors | Should -BeNullOrEmpty -Because "$Source example $Number must run:`n$Code`n"
        $counts.Passed++
    }
}

Describe 'The example test finds what it must run' {
    It 'finds at least one example for every exported cmdlet, and the code of the about_ topics' {
        $found = @(Get-HelpExample)
        $sources = @($found | Select-Object -ExpandProperty Source -Unique)
        foreach ($command in Get-Command -Module OpenStackVpn -CommandType Cmdlet) {
            $sources | Should -Contain $command.Name
        }
        $sources | Should -Contain 'about_OpenStackVpn_Embedded'
        # The prose's indented lists are not code: only blocks that parse and call known commands are taken.
        ($found | Where-Object Source -EQ 'about_OpenStackVpn').Code |
            Should -Not -Match 'IKE policy\s+\(New-IkePolicy\)'
    }

    It 'keeps the examples that cannot run here few, each with its reason' {
        $notRun = @(Get-HelpExample | Where-Object NotRunBecause)
        $notRun.Count | Should -BeLessOrEqual 5
        $notRun | ForEach-Object { $_.NotRunBecause | Should -Not -BeNullOrEmpty }
    }

    It 'fails an example that makes a second object with a seeded name, or that errs, naming the error' {
        $twin = "New-IkePolicy -Name ikepolicy1"
        Invoke-HelpExample -Code $twin -ModulePath $moduleFolder |
            Should -Be "made another object named 'ikepolicy1', which the embedded cloud is seeded with"
        Invoke-HelpExample -Code 'Get-VpnService -Name no-such-service' -ModulePath $moduleFolder |
            Should -BeLike "*No VPN service named 'no-such-service' was found.*"
    }
}
