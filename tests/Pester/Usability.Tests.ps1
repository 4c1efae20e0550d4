BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-WithProgress {
        # Runs a script block in a runspace of its own, to read the progress records it wrote (progress cannot be redirected).
        param([scriptblock] $Script, [object[]] $Arguments)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-Module OpenStackVpn).ModuleBase).AddStatement().AddScript($Script)
            foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Help a user can find: about_OpenStackVpn' {
    It 'Get-Help about_OpenStackVpn explains sessions, the two modes, retries, secrets and the embedded cloud' {
        $text = Get-Help about_OpenStackVpn | Out-String
        foreach ($heading in 'SESSIONS', 'LEGACY MODE AND ENDPOINT-GROUP MODE', 'WHAT IS RETRIED', 'SECRETS', 'THE EMBEDDED OPENSTACK', 'TEARING A VPN DOWN') {
            $text | Should -Match "(?m)^\s*$heading\s*$"
        }
    }

    It 'Get-Help about_OpenStackVpn_Embedded explains the embedded cloud''s options and helpers' {
        $text = Get-Help about_OpenStackVpn_Embedded | Out-String
        $text | Should -Match 'Add-EmbeddedOpenStackFault'
        $text | Should -Match '-ActivationDelaySec'
    }

    It 'ships the topics in the module''s en-US folder' {
        $folder = Join-Path (Get-Module OpenStackVpn).ModuleBase 'en-US'
        Join-Path $folder 'about_OpenStackVpn.help.txt' | Should -Exist
        Join-Path $folder 'about_OpenStackVpn_Embedded.help.txt' | Should -Exist
    }
}

Describe 'The session''s view shows the retry settings readably' {
    BeforeAll { $session = Connect-Lab lab-admin }

    It 'shows the default retries, pauses and cap instead of a type name' {
        $view = $session | Format-List | Out-String
        $view | Should -Match 'Retry\s+: 3 retries, pauses from 0\.5 s doubling up to 30 s'
        $view | Should -Not -Match 'OpenStackVpn\.Core\.Http\.RetryPolicy'
    }

    It 'shows settings changed on the session, and retries off' {
        $session.Retry.MaxRetries = 1
        $session.Retry.BaseDelay = [timespan]::FromSeconds(2)
        $session.Retry.MaxDelay = [timespan]::FromSeconds(10)
        ($session | Format-List | Out-String) | Should -Match 'Retry\s+: 1 retry, pauses from 2 s doubling up to 10 s'
        $session.Retry.MaxRetries = 0
        ($session | Format-List | Out-String) | Should -Match 'Retry\s+: off \(MaxRetries 0\)'
    }
}

Describe 'Progress on long lists and bulk removes' {
    BeforeAll {
        $session = Connect-Lab lab-admin
        $name = New-TestName 'progress'
        $policies = 1..3 | ForEach-Object { New-IkePolicy -Name $name -Session $session }
    }

    AfterAll {
        Get-IkePolicy -Name $name -Session $session -ErrorAction SilentlyContinue | Remove-IkePolicy -Session $session -Force -ErrorAction SilentlyContinue
    }

    It 'shows the pages fetched while a list spans several pages, and closes the bar at the end' {
        $run = Invoke-WithProgress { param($s, $n) Get-IkePolicy -Name $n -PageSize 1 -Session $s } @($session, $name)
        $run.Output.Count | Should -Be 3
        $bars = @($run.Progress | Where-Object Activity -EQ 'Listing IKE policies')
        # Pages are read ahead of the pipeline, so which page counts the bar catches varies; they only go up.
        $bars.Count | Should -BeGreaterOrEqual 2
        $pages = @($bars | ForEach-Object { [int]($_.StatusDescription -replace ' .*$', '') })
        for ($i = 1; $i -lt $pages.Count; $i++) { $pages[$i] | Should -BeGreaterThan $pages[$i - 1] }
        $bars[0].StatusDescription | Should -Match '^\d+ pages? fetched, \d object'
        $bars[-1].RecordType | Should -Be 'Completed'
        $bars[-1].StatusDescription | Should -Match '^\d+ pages fetched, 3 objects$'
    }

    It 'shows no bar for a list of one page' {
        $run = Invoke-WithProgress { param($s, $n) Get-IkePolicy -Name $n -PageSize 10 -Session $s } @($session, $name)
        $run.Output.Count | Should -Be 3
        @($run.Progress | Where-Object Activity -EQ 'Listing IKE policies').Count | Should -Be 0
    }

    It 'shows each object of a bulk remove, then closes the bar with the count' {
        $run = Invoke-WithProgress { param($s, $p) $p | Remove-IkePolicy -Session $s -Force } @($session, $policies)
        $run.Errors | Should -BeNullOrEmpty
        $bars = @($run.Progress | Where-Object Activity -EQ 'Removing IKE policies')
        $bars.Count | Should -Be 4
        $bars[0].StatusDescription | Should -BeLike "*$($policies[0].Id)*"
        $bars[2].StatusDescription | Should -BeLike "*$($policies[2].Id)* (2 done so far)"
        $bars[3].RecordType | Should -Be 'Completed'
        $bars[3].StatusDescription | Should -Be '3 done'
        @(Get-IkePolicy -Name $name -Session $session -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}

Describe 'A user''s own Pester tests find Pester without hand work' {
    It 'runs the runbook example with tools/Invoke-RunbookTest.ps1 in a fresh pwsh with no Pester on its path' {
        $exe = (Get-Process -Id $PID).Path
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
            $prefix = @(Join-Path $PSHOME 'pwsh.dll')
        }
        $root = Join-Path $PSScriptRoot '../..'
        $saved = $env:PSModulePath
        $env:PSModulePath = $null
        try {
            $runner = Join-Path $root 'tools/Invoke-RunbookTest.ps1'
            $example = Join-Path $PSScriptRoot 'Examples/MyRunbook.Tests.ps1'
            $output = & $exe @prefix -NoProfile -NonInteractive -File $runner -Path $example `
                -ModulePath (Get-Module OpenStackVpn).ModuleBase 2>&1 | Out-String
            $exit = $LASTEXITCODE
        }
        finally { $env:PSModulePath = $saved }
        $exit | Should -Be 0 -Because $output
        $output | Should -Match 'Tests Passed: [1-9]'
    }
}
