BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Start-SilentServer {
        # A loopback TCP server that accepts connections and never answers: a hung Neutron.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }
}

Describe 'Faults do not fail or hang a runbook' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $labClouds = Join-Path $script:LabState 'clouds.yaml'
        function Connect-To {
            param([string] $Endpoint, [int] $TimeoutSec = 60, [int] $MaxRetries = 3)
            $env:OS_CLIENT_CONFIG_FILE = $labClouds
            try { Connect-OpenStack -Cloud lab-admin -NetworkEndpoint $Endpoint -TimeoutSec $TimeoutSec -MaxRetries $MaxRetries }
            finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        }
    }

    AfterEach {
        $null = Connect-Lab lab-admin
    }

    It 'ends a request to a hung server at the time limit with OperationTimeout naming the URL and the limit' {
        $silent = Start-SilentServer
        try {
            $hung = Connect-To "http://127.0.0.1:$($silent.LocalEndpoint.Port)" -TimeoutSec 1
            $record = Get-ErrorRecord { Get-IpsecSiteConnection -Id $seed.connection_id -Session $hung }
            $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $record.Exception.Message | Should -BeLike "GET http://127.0.0.1:$($silent.LocalEndpoint.Port)/v2.0/vpn/ipsec-site-connections/* got no answer within the time limit of 1 s*"
        }
        finally { $silent.Stop() }
        Add-ReliabilityResult Fault 'hung server (no answer), limit 1 s' $true
    }

    It 'retries a read against a refused port, then fails with ConnectionError' {
        $refused = Connect-To 'http://127.0.0.1:9/' -MaxRetries 2
        $refused.Retry.BaseDelay = [timespan]::FromMilliseconds(10)
        $all = Invoke-Captured { Get-IpsecSiteConnection -Session $refused -Verbose }
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).CategoryInfo.Category | Should -Be 'ConnectionError'
        @($all | Where-Object { "$_" -like '*sending it again*' }).Count | Should -Be 2
        Add-ReliabilityResult Fault 'GET to a refused port: retried, then ConnectionError' $true
    }

    It 'retries a create that provably never left (connection refused), and creates nothing' {
        $refused = Connect-To 'http://127.0.0.1:9/' -MaxRetries 1
        $refused.Retry.BaseDelay = [timespan]::FromMilliseconds(10)
        $all = Invoke-Captured { New-IkePolicy -Name 'never-sent' -Session $refused -Verbose }
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).CategoryInfo.Category | Should -Be 'ConnectionError'
        @($all | Where-Object { "$_" -like 'POST *sending it again*' }).Count | Should -Be 1
        Get-IkePolicy -Name 'never-sent' -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Add-ReliabilityResult Fault 'POST to a refused port: retried, nothing made' $true
    }

    It 'does not retry a create whose answer never came, and says how to check' {
        $silent = Start-SilentServer
        try {
            $hung = Connect-To "http://127.0.0.1:$($silent.LocalEndpoint.Port)" -TimeoutSec 1
            $record = Get-ErrorRecord { New-IkePolicy -Name 'maybe' -Session $hung }
            $record.Exception.Message | Should -BeLike '*may or may not have happened*Get-*'
        }
        finally { $silent.Stop() }
        Add-ReliabilityResult Fault 'POST with no answer: not retried, says how to check' $true
    }

    It 'turns retries off with -MaxRetries 0' {
        $refused = Connect-To 'http://127.0.0.1:9/' -MaxRetries 0
        $all = Invoke-Captured { Get-IpsecSiteConnection -Session $refused -Verbose }
        @($all | Where-Object { "$_" -like '*sending it again*' }).Count | Should -Be 0
        Add-ReliabilityResult Fault '-MaxRetries 0 turns retries off' $true
    }

    It 'stops a wait on Ctrl+C within a second or so' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $session, $id)
                Import-Module $module
                Wait-IpsecSiteConnection -Id $id -Session $session -TimeoutSec 600 -PollIntervalSec 60
            }).AddArgument((Get-Module OpenStackVpn).Path).AddArgument($session).AddArgument($seed.paging_connection_ids[0])
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()
        $async.IsCompleted | Should -BeTrue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $ps.Dispose()
        Add-ReliabilityResult Fault 'Ctrl+C during a wait' $true
    }

    It 'shares one session across runspaces (ForEach-Object -Parallel)' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $module = (Get-Module OpenStackVpn).Path
        $ids = $seed.all_connection_ids
        # PowerShell 7 only: -Parallel; the test skips itself in Windows PowerShell.
        $found = $ids + $ids | ForEach-Object -ThrottleLimit 5 -Parallel {
            Import-Module $using:module
            Get-IpsecSiteConnection -Id $_ -Session $using:session
        }
        @($found).Count | Should -Be (2 * $ids.Count)
        ($found.Id | Sort-Object -Unique) | Should -Be ($ids | Sort-Object)
        Add-ReliabilityResult Fault 'one session in five runspaces at once' $true
    }
}
