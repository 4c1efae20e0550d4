# PowerShell 7 only: the fault proxy is C# compiled here by Add-Type (tests/tools/FaultProxy.cs).
# The module talks to the backend's real Neutron (the lab's, or the served embedded cloud) through the project's own
# proxy on a loopback port, as it would behind a load balancer. The proxy's own record of what it received and what it
# forwarded proves how many requests Neutron got; Neutron's state is checked on a second session that bypasses it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if (-not ('OpenStackVpn.Tests.FaultProxy' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../tools/FaultProxy.cs')
    }
    $seed = Get-LabSeed
    $proxy = [OpenStackVpn.Tests.FaultProxy]::new($seed.network_url)
    $env:OS_CLIENT_CONFIG_FILE = Join-Path $script:LabState 'clouds.yaml'
    try {
        $session = Connect-OpenStack -Cloud lab-admin -NetworkEndpoint $proxy.Url
        $slow = Connect-OpenStack -Cloud lab-admin -NetworkEndpoint $proxy.Url -TimeoutSec 1
        $direct = Connect-OpenStack -Cloud lab-admin
    }
    finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
    $session.Retry.BaseDelay = [timespan]::FromMilliseconds(50)
    $prefix = New-TestName proxy

    function Open-KeptAliveConnection {
        # One answered request leaves an idle connection in the pool, so the next request goes on a kept-alive one.
        $null = Get-IpsecPolicy -Session $session -Id $seed.ipsecpolicy_id
    }
    function New-Policy([string] $Suffix) { New-IkePolicy -Session $direct -Name "$prefix-$Suffix" }
    function Test-Gone([string] $Id) {
        (Get-ErrorRecord { Get-IkePolicy -Session $direct -Id $Id }).CategoryInfo.Category -eq 'ObjectNotFound'
    }
}

AfterAll {
    Get-IkePolicy -Session $direct -Name "$prefix*" | Remove-IkePolicy -Session $direct -Force
    $proxy.Dispose()
}

Describe 'Faults between the module and the real Neutron, injected by the project''s proxy' {
    BeforeEach { $proxy.Clear() }

    It 'two 503s on a read, then the answer: the read succeeds after 2 retries, and Neutron was asked once' -Tag Fault {
        $proxy.AddFault('Status', 'GET', 'ikepolicies/', 2, 503)
        (Get-IkePolicy -Session $session -Id $seed.ikepolicy_id).Id | Should -Be $seed.ikepolicy_id
        $proxy.Received('GET', 'ikepolicies/').Count | Should -Be 3
        $proxy.Forwarded('GET', 'ikepolicies/').Count | Should -Be 1
    }

    It 'a connection reset before a read is forwarded: the read succeeds after a retry' -Tag Fault {
        Open-KeptAliveConnection
        $proxy.AddFault('ResetBeforeForwarding', 'GET', 'ikepolicies/')
        (Get-IkePolicy -Session $session -Id $seed.ikepolicy_id).Id | Should -Be $seed.ikepolicy_id
        $proxy.Received('GET', 'ikepolicies/').Count | Should -Be 2
        $proxy.Forwarded('GET', 'ikepolicies/').Count | Should -Be 1
    }

    It 'a create forwarded to Neutron whose answer is lost on a kept-alive connection: one POST, one object, an error that says so' -Tag Fault {
        Open-KeptAliveConnection
        $proxy.AddFault('LoseAnswer', 'POST', 'ikepolicies')
        $record = Get-ErrorRecord { New-IkePolicy -Session $session -Name "$prefix-lost" }
        $record.Exception.Message | Should -BeLike '*may or may not have happened*'
        $posts = $proxy.Received('POST', 'ikepolicies')
        $posts.Count | Should -Be 1 -Because 'neither the module nor the HTTP stack may send a create again'
        $posts[0].Forwarded | Should -BeTrue
        $posts[0].UpstreamStatus | Should -Be 201
        $posts[0].OnConnection | Should -BeGreaterThan 1 -Because 'the POST went on a kept-alive connection'
        @(Get-IkePolicy -Session $direct -Name "$prefix-lost").Count | Should -Be 1
    }

    It 'a create reset before it is forwarded: nothing is created, and no second POST is sent' -Tag Fault {
        Open-KeptAliveConnection
        $proxy.AddFault('ResetBeforeForwarding', 'POST', 'ikepolicies')
        $record = Get-ErrorRecord { New-IkePolicy -Session $session -Name "$prefix-reset" }
        $record.Exception.Message | Should -BeLike '*may or may not have happened*'
        $proxy.Received('POST', 'ikepolicies').Count | Should -Be 1
        $proxy.Forwarded('POST', 'ikepolicies').Count | Should -Be 0
        Get-IkePolicy -Session $direct -Name "$prefix-reset" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'one 503 on an update: applied once, after a retry' -Tag Fault {
        $policy = New-Policy 'put503'
        $proxy.AddFault('Status', 'PUT', $policy.Id, 1, 503)
        Set-IkePolicy -Session $session -Id $policy.Id -Description 'after a 503'
        $proxy.Received('PUT', $policy.Id).Count | Should -Be 2
        $proxy.Forwarded('PUT', $policy.Id).Count | Should -Be 1
        (Get-IkePolicy -Session $direct -Id $policy.Id).Description | Should -Be 'after a 503'
    }

    It 'an update forwarded to Neutron whose answer is lost on a kept-alive connection: sent again by the module, applied' -Tag Fault {
        $policy = New-Policy 'putlost'
        Open-KeptAliveConnection
        $proxy.AddFault('LoseAnswer', 'PUT', $policy.Id)
        Set-IkePolicy -Session $session -Id $policy.Id -Description 'after a lost answer'
        $puts = $proxy.Forwarded('PUT', $policy.Id)
        $puts.Count | Should -Be 2 -Because 'an update is safe to repeat, and the module repeated it'
        $puts[0].OnConnection | Should -BeGreaterThan 1 -Because 'the first PUT went on a kept-alive connection'
        $puts | ForEach-Object { $_.UpstreamStatus | Should -Be 200 }
        (Get-IkePolicy -Session $direct -Id $policy.Id).Description | Should -Be 'after a lost answer'
    }

    It 'a delete forwarded to Neutron (204) whose answer is lost on a kept-alive connection: done, with no error' -Tag Fault {
        $policy = New-Policy 'dellost'
        Open-KeptAliveConnection
        $proxy.AddFault('LoseAnswer', 'DELETE', $policy.Id)
        $all = Invoke-Captured { Remove-IkePolicy -Session $session -Id $policy.Id -Force }
        @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $deletes = $proxy.Forwarded('DELETE', $policy.Id)
        $deletes.Count | Should -Be 2 -Because 'the module sent the DELETE again, and knew it did'
        $deletes[0].OnConnection | Should -BeGreaterThan 1 -Because 'the first DELETE went on a kept-alive connection'
        $deletes[0].UpstreamStatus | Should -Be 204
        $deletes[1].UpstreamStatus | Should -Be 404
        Test-Gone $policy.Id | Should -BeTrue
    }

    It 'a delete of an id that never existed still fails with ObjectNotFound, after one DELETE' -Tag Fault {
        Open-KeptAliveConnection
        $id = [guid]::NewGuid().ToString()
        $record = Get-ErrorRecord { Remove-IkePolicy -Session $session -Id $id -Force }
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.FullyQualifiedErrorId | Should -BeLike 'IKEPolicyNotFound,*'
        $deletes = $proxy.Forwarded('DELETE', $id)
        $deletes.Count | Should -Be 1
        $deletes[0].UpstreamStatus | Should -Be 404
    }

    It 'a read slower than -TimeoutSec ends with OperationTimeout, and is not sent again' -Tag Fault {
        $proxy.AddFault('Slow', 'GET', 'ikepolicies/', 1, 0, 5000)
        $record = Get-ErrorRecord { Get-IkePolicy -Session $slow -Id $seed.ikepolicy_id }
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.Exception.Message | Should -BeLike '*got no answer within the time limit of 1 s*'
        $proxy.Received('GET', 'ikepolicies/').Count | Should -Be 1
    }

    It 'a token revoked by Keystone (the user''s password set again) is renewed, and the request repeated' -Tag Fault -Skip:($env:OPENSTACKVPN_BACKEND -ne 'lab') {
        # The embedded Keystone has no user API to set a password with; its renewal after a 401 is in Faults.Tests.ps1.
        $admin = @{ 'X-Auth-Token' = (New-LabToken) }
        $password = 'proxy-user-pass'
        $body = @{ user = @{ name = "$prefix-user"; password = $password; domain_id = 'default'; default_project_id = $seed.member_project_id } } | ConvertTo-Json
        $user = (Invoke-RestMethod -Method Post -Uri "$($seed.auth_url)/users" -Headers $admin -Body $body -ContentType 'application/json').user
        try {
            $role = (Invoke-RestMethod -Uri "$($seed.auth_url)/roles?name=member" -Headers $admin).roles[0].id
            $null = Invoke-RestMethod -Method Put -Uri "$($seed.auth_url)/projects/$($seed.member_project_id)/users/$($user.id)/roles/$role" -Headers $admin
            $credential = [pscredential]::new("$prefix-user", (ConvertTo-SecureString $password -AsPlainText -Force))
            # No read before the revocation: Neutron's keystonemiddleware would serve the token from its cache.
            $revoked = Connect-OpenStack -AuthUrl $seed.auth_url -Credential $credential -ProjectId $seed.member_project_id -UserDomainName Default -NetworkEndpoint $proxy.Url
            $same = @{ user = @{ password = $password } } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Patch -Uri "$($seed.auth_url)/users/$($user.id)" -Headers $admin -Body $same -ContentType 'application/json'
            Start-Sleep -Milliseconds 1200   # Keystone compares revocations to the second
            $proxy.Clear()
            $null = Get-IkePolicy -Session $revoked
            $reads = $proxy.Forwarded('GET', 'ikepolicies')
            $reads.Count | Should -Be 2
            $reads[0].UpstreamStatus | Should -Be 401
            $reads[1].UpstreamStatus | Should -Be 200
        }
        finally {
            $null = Invoke-RestMethod -Method Delete -Uri "$($seed.auth_url)/users/$($user.id)" -Headers $admin
        }
    }
}
