BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Start-SilentServer {
        # A loopback TCP server that accepts connections and never answers: a hung Neutron.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function Get-RequestLine([System.Net.Sockets.TcpListener] $Listener) {
        # The request lines the silent server received: one per connection made to it, read from its accept queue.
        while ($Listener.Pending()) {
            $client = $Listener.AcceptTcpClient()
            try {
                $client.ReceiveTimeout = 2000
                [System.IO.StreamReader]::new($client.GetStream()).ReadLine()
            }
            catch { '(no request line)' }
            finally { $client.Dispose() }
        }
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

    It 'ends a request to a hung server at the time limit with OperationTimeout naming the URL and the limit' -Tag Fault {
        $silent = Start-SilentServer
        try {
            $hung = Connect-To "http://127.0.0.1:$($silent.LocalEndpoint.Port)" -TimeoutSec 1
            $record = Get-ErrorRecord { Get-IpsecSiteConnection -Id $seed.connection_id -Session $hung }
            @(Get-RequestLine $silent) | Should -HaveCount 1 -Because 'a request that timed out is not sent again'
            $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $record.Exception.Message | Should -BeLike "GET http://127.0.0.1:$($silent.LocalEndpoint.Port)/v2.0/vpn/ipsec-site-connections/* got no answer within the time limit of 1 s*"
        }
        finally { $silent.Stop() }
    }

    It 'retries a read against a refused port, then fails with ConnectionError' -Tag Fault {
        $refused = Connect-To 'http://127.0.0.1:9/' -MaxRetries 2
        $refused.Retry.BaseDelay = [timespan]::FromMilliseconds(10)
        $all = Invoke-Captured { Get-IpsecSiteConnection -Session $refused -Verbose }
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).CategoryInfo.Category | Should -Be 'ConnectionError'
        @($all | Where-Object { "$_" -like '*sending it again*' }).Count | Should -Be 2
    }

    It 'retries a create that provably never left (connection refused), and creates nothing' -Tag Fault {
        $refused = Connect-To 'http://127.0.0.1:9/' -MaxRetries 1
        $refused.Retry.BaseDelay = [timespan]::FromMilliseconds(10)
        $all = Invoke-Captured { New-IkePolicy -Name 'never-sent' -Session $refused -Verbose }
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).CategoryInfo.Category | Should -Be 'ConnectionError'
        @($all | Where-Object { "$_" -like 'POST *sending it again*' }).Count | Should -Be 1
        Get-IkePolicy -Name 'never-sent' -Session $session -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'does not retry a create whose answer never came, and says how to check' -Tag Fault {
        $silent = Start-SilentServer
        try {
            $hung = Connect-To "http://127.0.0.1:$($silent.LocalEndpoint.Port)" -TimeoutSec 1
            $record = Get-ErrorRecord { New-IkePolicy -Name 'maybe' -Session $hung }
            $received = @(Get-RequestLine $silent)
            $record.Exception.Message | Should -BeLike '*may or may not have happened*Get-*'
            @($received | Where-Object { $_ -like 'POST *' }) | Should -HaveCount 1 -Because 'the server got the create once, and it was not sent again'
            $received | Should -HaveCount 1
        }
        finally { $silent.Stop() }
    }

    It 'turns retries off with -MaxRetries 0' -Tag Fault {
        # An embedded cloud of its own answers 503 (retried by default): its log must show one request, not two.
        $off = Connect-OpenStack -Embedded -ActivationDelaySec 0 -MaxRetries 0
        $null = Get-EmbeddedOpenStackRequest -Clear
        Add-EmbeddedOpenStackFault -StatusCode 503 -Method GET -PathContains ipsec-site-connections -Count 3
        $all = Invoke-Captured { Get-IpsecSiteConnection -Session $off -Verbose }
        $sent = @(Get-EmbeddedOpenStackRequest | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*ipsec-site-connections*' })
        $sent | Should -HaveCount 1 -Because 'the list was sent once, answered 503, and not sent again'
        $record = $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $record.Exception.Message | Should -Match '503' -Because 'the call failed on the answer, not before sending'
        @($all | Where-Object { "$_" -like '*sending it again*' }).Count | Should -Be 0
    }

    It 'stops a wait on Ctrl+C within a second or so' -Tag Fault {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $session, $id)
                Import-Module $module
                Wait-IpsecSiteConnection -Id $id -Session $session -TimeoutSec 600 -PollIntervalSec 60
            }).AddArgument((Get-Module OpenStackVpn).Path).AddArgument($session).AddArgument($seed.paging_connection_ids[0])
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        # The wait must still be running when stopped (no agent: the connection never becomes ACTIVE), or Stop proves nothing.
        $async.IsCompleted | Should -BeFalse -Because 'the wait was still running when Ctrl+C came'
        $ps.InvocationStateInfo.State | Should -Be 'Running'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()
        $async.IsCompleted | Should -BeTrue
        $ps.InvocationStateInfo.State | Should -Be 'Stopped' -Because 'Ctrl+C ended it, not a timeout or an error'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $ps.Dispose()
    }

    It 'shares one session across runspaces (ForEach-Object -Parallel)' -Tag Fault -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $module = (Get-Module OpenStackVpn).Path
        $ids = $seed.all_connection_ids
        # PowerShell 7 only: -Parallel; the test skips itself in Windows PowerShell.
        $found = $ids + $ids | ForEach-Object -ThrottleLimit 5 -Parallel {
            Import-Module $using:module
            Get-IpsecSiteConnection -Id $_ -Session $using:session
        }
        @($found).Count | Should -Be (2 * $ids.Count)
        ($found.Id | Sort-Object -Unique) | Should -Be ($ids | Sort-Object)
    }
}
